/** The history API's shapes (control plane `history/history.service.ts`; not part of the gateway contract). */
export type ChangeAction = 'create' | 'update' | 'delete';

export interface HistoryItem {
  kind: string;
  id: string;
  name: string | null;
  action: ChangeAction;
  tenantId: string | null;
}

export interface HistoryItemDiff extends HistoryItem {
  /** the row as stored (camelCase fields, secrets "[redacted]"); null: absent */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  actor: string | null;
  changeCount: number;
  /** the first changed items */
  changes: HistoryItem[];
}

export interface ConfigDiff {
  from: number;
  to: number;
  changes: HistoryItemDiff[];
}

export interface RollbackResult {
  revision: number;
  rolledBackTo: number;
  tenant: string | null;
  changes: HistoryItem[];
}
