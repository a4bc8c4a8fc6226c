/**
 * Config history (`/api/v1/config/revisions`, `/revisions/{n}`, `/diff`, `/revisions/{n}/rollback`): what each
 * revision changed, per item. Rows are shown as the control plane stores them (camelCase fields); hashed or sealed
 * secrets read "[redacted]".
 */
export type HistoryAction = 'create' | 'update' | 'delete';

export interface HistoryItem {
  /** the resource kind: service, route, upstream, certificate, plugin, consumer, credential, consumer-group... */
  kind: string;
  /** the row's id (a consumer group membership: `<consumerId>/<groupId>`) */
  id: string;
  /** its name, slug, username... (after the change; before it for a delete) */
  name: string | null;
  action: HistoryAction;
  tenantId: string | null;
}

export interface HistoryItemDiff extends HistoryItem {
  /** the row before (null: absent) */
  before: Record<string, unknown> | null;
  /** the row after (null: absent) */
  after: Record<string, unknown> | null;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  /** who wrote it (username or token name); null for the control plane's own revisions */
  actor: string | null;
  /** items it changed (in the caller's tenants) */
  changeCount: number;
  /** the first of them */
  changes: HistoryItem[];
}

export interface RevisionDetail extends Omit<RevisionSummary, 'changes'> {
  changes: HistoryItemDiff[];
}

export interface ConfigDiff {
  from: number;
  to: number;
  /** each item's state at `from` (before) and at `to` (after) */
  changes: HistoryItemDiff[];
}

export interface RollbackResult {
  /** the new revision, whose config equals `rolledBackTo`'s (in `tenant`, when given) */
  revision: number;
  rolledBackTo: number;
  tenant: string | null;
  changes: HistoryItem[];
}
