const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionSettings {
  nodeRetentionHours: number;
  auditRetentionDays: number;
  /** how many of the newest config revisions stay stored */
  keepRevisions: number;
}

/** What one maintenance tick deletes, as Prisma `where` clauses fixed at one instant. */
export interface MaintenancePlan {
  staleNodes: { lastSeenAt: { lt: Date } };
  oldAuditEvents: { createdAt: { lt: Date } };
  /** offset of the oldest revision that stays, counted from the newest */
  keepRevisionsSkip: number;
}

export function maintenancePlan(now: Date, s: RetentionSettings): MaintenancePlan {
  return {
    staleNodes: { lastSeenAt: { lt: new Date(now.getTime() - s.nodeRetentionHours * HOUR_MS) } },
    oldAuditEvents: { createdAt: { lt: new Date(now.getTime() - s.auditRetentionDays * DAY_MS) } },
    keepRevisionsSkip: Math.max(0, s.keepRevisions - 1),
  };
}

/** Revisions older than the oldest one kept; nothing when fewer than `keep` exist. */
export function revisionsToPrune(oldestKept: number | undefined): { revision: { lt: number } } | undefined {
  return oldestKept === undefined ? undefined : { revision: { lt: oldestKept } };
}
