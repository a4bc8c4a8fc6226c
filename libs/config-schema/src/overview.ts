/**
 * `GET /api/v1/tenants/{t}/overview`: what the console's home dashboard shows of one tenant. Counts and summaries
 * only; the lists behind them have their own endpoints.
 */
export const OVERVIEW_RESOURCES = ['services', 'routes', 'upstreams', 'certificates', 'consumers', 'plugins'] as const;
export type OverviewResource = (typeof OVERVIEW_RESOURCES)[number];

/** The tenant's configured upstream targets by the worst state a gateway that is not stale reports for them. */
export interface UpstreamHealthSummary {
  /** every target of every upstream of the tenant */
  targets: number;
  healthy: number;
  /** unhealthy, or a circuit breaker open or half-open on at least one gateway */
  unhealthy: number;
  /** no gateway that is not stale reports it (no gateway, or not balanced over yet) */
  unknown: number;
}

/** Gateway nodes (they serve every tenant) by config sync state. */
export interface NodeSyncSummary {
  total: number;
  /** `state` in-sync: the current revision and hash, seen recently (AYA_NODE_STALE_AFTER_MS) */
  inSync: number;
  /** seen recently at another revision or hash */
  drifting: number;
  /** not seen recently */
  stale: number;
}

/** The audit entry of one config write of the tenant, without the records. */
export interface OverviewChange {
  id: string;
  action: string;
  resource: { type: string; id: string; name: string | null };
  actor: { kind: string; name: string };
  revision: number | null;
  createdAt: string;
}

export interface TenantOverview {
  tenant: { id: string; slug: string; name: string };
  counts: Record<OverviewResource, number>;
  upstreamHealth: UpstreamHealthSummary;
  nodes: NodeSyncSummary;
  /** config writes (not members or tokens), newest first */
  recentChanges: OverviewChange[];
}
