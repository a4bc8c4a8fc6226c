import { z } from 'zod';
import { validationFromZod } from '../common/errors';

const revision = z.coerce.number().int().min(0).max(2_147_483_647);
const tenant = z.string().min(1).max(200).optional().describe('only this tenant\'s changes (id or slug)');

export const revisionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,10}$/, 'invalid cursor').optional().describe('`next` of the previous page'),
  tenant,
});
export const tenantQuerySchema = z.object({ tenant });
export const diffQuerySchema = z.object({ from: revision, to: revision, tenant });
const revisionParam = z.object({ n: revision });

/** Query schemas by operation id, for the OpenAPI builder's query parameters. */
export const HISTORY_QUERY_SCHEMAS: Record<string, z.ZodObject> = {
  'history.revisions': revisionsQuerySchema,
  'history.revision': tenantQuerySchema,
  'history.diff': diffQuerySchema,
  'history.rollback': tenantQuerySchema,
};

/** A query, or 400 AYA_CP_VALIDATION with details at its fields. */
export function parseQuery<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw validationFromZod(parsed.error, 'query');
}

/** The `{n}` path parameter: a revision number, or 400 with the detail at `n`. */
export function parseRevision(value: string): number {
  const parsed = revisionParam.safeParse({ n: value });
  if (parsed.success) return parsed.data.n;
  throw validationFromZod(parsed.error, 'path');
}
