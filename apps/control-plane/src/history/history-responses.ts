import { z } from 'zod';
import type { ConfigDiff, HistoryItem, HistoryItemDiff, RevisionDetail, RevisionSummary, RollbackResult } from '@aya/config-schema';

const itemShape = {
  kind: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  action: z.enum(['create', 'update', 'delete']),
  tenantId: z.string().nullable(),
};
const item = z.object(itemShape) satisfies z.ZodType<HistoryItem>;
const row = z.record(z.string(), z.unknown()).nullable().describe('the row as stored (hashed or sealed secrets: "[redacted]"); null: absent');
const itemDiff = z.object({ ...itemShape, before: row, after: row }) satisfies z.ZodType<HistoryItemDiff>;
const header = { revision: z.int(), createdAt: z.iso.datetime(), actor: z.string().nullable(), changeCount: z.int() };
const summary = z.object({ ...header, changes: z.array(item) }) satisfies z.ZodType<RevisionSummary>;

/** Response bodies of the history endpoints (typed against the service's interfaces: tsc fails when they drift). */
export const HISTORY_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  ConfigRevisionPage: z.object({ data: z.array(summary), next: z.string().nullable() }),
  ConfigRevisionDetail: z.object({ ...header, changes: z.array(itemDiff) }) satisfies z.ZodType<RevisionDetail>,
  ConfigDiff: z.object({ from: z.int(), to: z.int(), changes: z.array(itemDiff) }) satisfies z.ZodType<ConfigDiff>,
  ConfigRollback: z.object({ revision: z.int(), rolledBackTo: z.int(), tenant: z.string().nullable(), changes: z.array(item) }) satisfies z.ZodType<RollbackResult>,
};

export const HISTORY_OPERATION_RESPONSES: Record<string, string> = {
  'history.revisions': 'ConfigRevisionPage',
  'history.revision': 'ConfigRevisionDetail',
  'history.diff': 'ConfigDiff',
  'history.rollback': 'ConfigRollback',
};
