import { declarativeConfigSchema, type ConfigApplyResult } from '@aya/config-schema';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** `?dryRun=true&prune=true` */
export const applyQuerySchema = z.strictObject({
  dryRun: flag.describe('compute and check the changes, write nothing (the answer is the same)'),
  prune: flag.describe('also delete the objects of the tenant the document does not name'),
});
export type ApplyQuery = z.output<typeof applyQuerySchema>;

const applyResult: z.ZodType<ConfigApplyResult> = z.object({
  revision: z.int().describe('the revision written; for a dry run or a document that changes nothing, the current one (none is written)'),
  dryRun: z.boolean(),
  changes: z.array(
    z.object({
      action: z.enum(['create', 'update', 'delete']),
      kind: z.enum(['certificate', 'upstream', 'service', 'route', 'consumer-group', 'consumer', 'credential', 'plugin']),
      name: z.string().describe('the object\'s key: a name, a username, a certificate fingerprint, a plugin as name[scope], a credential as username/type/identity (a key by the start of its hash)'),
    }),
  ),
});

/** Response bodies of the declarative endpoints (openapi/response-schemas.ts spreads them in). */
export const DECLARATIVE_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  // the dump: the document as the apply takes it (sections in DECLARATIVE_SECTIONS order)
  DeclarativeConfigDocument: declarativeConfigSchema,
  ConfigApplyResult: applyResult,
};

export const DECLARATIVE_OPERATION_RESPONSES: Record<string, string> = {
  'declarative.dump': 'DeclarativeConfigDocument',
  'declarative.apply': 'ConfigApplyResult',
};

/** Query parameters the OpenAPI builder lists per operation. */
export const DECLARATIVE_QUERY_SCHEMAS: Record<string, z.ZodObject> = { 'declarative.apply': applyQuerySchema };

/**
 * The same document as YAML text (`Content-Type` / `Accept: application/yaml`) next to JSON: openapi-builder.ts
 * lists it for these operations, with the same schema (the parsed document).
 */
export const DECLARATIVE_YAML = { requests: new Set(['declarative.apply']), responses: new Set(['declarative.dump']) };
