import { AUDIT_ACTOR_KINDS, AUDIT_CHANGE_OPS, type AuditLogEntry, type Page } from '@aya/config-schema';
import { z } from 'zod';

/** Response bodies of the audit reader (see openapi/response-schemas.ts), typed by the contract's interfaces. */
const auditLogEntry: z.ZodType<AuditLogEntry> = z.object({
  id: z.uuid(),
  tenantId: z.uuid().nullable(),
  actor: z.object({ kind: z.enum(AUDIT_ACTOR_KINDS), id: z.string(), name: z.string() }),
  address: z.string().nullable(),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  revision: z.int().nullable().describe('the config revision the write made; null outside the config (members, tokens)'),
  before: z.unknown().describe('the resource as the API showed it before the write (null on create)'),
  after: z.unknown().describe('the resource as the API shows it after the write (null on delete)'),
  changes: z.array(
    z.object({
      path: z.array(z.union([z.string(), z.int()])),
      op: z.enum(AUDIT_CHANGE_OPS),
      before: z.unknown().optional(),
      after: z.unknown().optional(),
    }),
  ).describe('field-level diff of before and after'),
  createdAt: z.iso.datetime(),
});

const auditPage: z.ZodType<Page<AuditLogEntry>> = z.object({ data: z.array(auditLogEntry), next: z.string().nullable() });

export const AUDIT_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { AuditLogPage: auditPage };

export const AUDIT_OPERATION_RESPONSES: Record<string, string> = {
  'audit.tenant': 'AuditLogPage',
  'audit.platform': 'AuditLogPage',
};
