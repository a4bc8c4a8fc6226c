import { z } from 'zod';
import { validationFromZod, ValidationError } from '../common/errors';
import { decodeCursor, type Cursor } from '../common/pagination';

export const AUDIT_DEFAULT_LIMIT = 50;
export const AUDIT_MAX_LIMIT = 200;

const word = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes');
const instant = z.iso.datetime({ offset: true });

/**
 * `GET .../audit` query (also the OpenAPI parameters). Strict: a misspelt filter is a 400 naming it, never a
 * silently unfiltered answer. `since` is inclusive, `until` exclusive.
 */
export const auditQuerySchema = z.strictObject({
  resource: word.optional().describe('resource type: route, service, upstream, certificate, plugin, consumer, credential, consumer-group, tenant...'),
  resourceId: z.uuid().optional().describe('the resource id (needs no `resource`)'),
  actor: z.string().min(1).max(200).optional().describe("the actor's id or name (username, token name)"),
  action: word.optional().describe('create, update, delete, ...'),
  since: instant.optional().describe('entries at or after this time (ISO 8601 with offset)'),
  until: instant.optional().describe('entries before this time'),
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
  cursor: z.string().min(1).max(200).optional().describe('`next` of the previous page (opaque)'),
});

/** The platform reader (`GET /api/v1/audit`) may narrow to one tenant. */
export const platformAuditQuerySchema = auditQuerySchema.extend({
  tenant: z.uuid().optional().describe('tenant id'),
});

export interface AuditFilter {
  tenantId?: string;
  /** the platform reader of a caller who is no superadmin: the tenants they may read */
  tenantIds?: string[];
  resourceType?: string;
  resourceId?: string;
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
  limit: number;
  cursor?: Cursor;
}

/** The query as a filter; 400 AYA_CP_VALIDATION with a detail per bad parameter. */
export function parseAuditQuery(query: unknown, platform: boolean): AuditFilter {
  const schema = platform ? platformAuditQuerySchema : auditQuerySchema;
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw validationFromZod(parsed.error, 'query');
  const q: z.infer<typeof platformAuditQuerySchema> = parsed.data;
  const since = q.since === undefined ? undefined : new Date(q.since);
  const until = q.until === undefined ? undefined : new Date(q.until);
  if (since && until && since.getTime() >= until.getTime()) {
    throw new ValidationError('invalid query', [{ path: 'until', message: 'must be after since' }]);
  }
  return {
    ...(q.tenant === undefined ? {} : { tenantId: q.tenant.toLowerCase() }),
    resourceType: q.resource,
    resourceId: q.resourceId?.toLowerCase(),
    actor: q.actor,
    action: q.action,
    since,
    until,
    limit: q.limit,
    cursor: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
  };
}

/** The query parameters of each reader, for the OpenAPI document (openapi/openapi-builder.ts). */
export const AUDIT_QUERY_SCHEMAS: Record<string, z.ZodObject> = {
  'audit.tenant': auditQuerySchema,
  'audit.platform': platformAuditQuerySchema,
};
