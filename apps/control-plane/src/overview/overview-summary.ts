import { worseState, type NodeState, type NodeSyncSummary, type TargetState, type UpstreamHealthSummary } from '@aya/config-schema';
import { readHealth } from '../upstreams/upstream-health';

/**
 * Every configured target of the tenant's upstreams by the worst state any fresh node reports for it, as the
 * upstream health reader combines them (upstreams/upstream-health.ts). One pass over the reports, so a tenant with
 * many upstreams is not one scan of every node's health per upstream.
 */
export function summarizeTargetHealth(
  upstreams: ReadonlyArray<{ id: string; targets: readonly string[] }>,
  freshNodes: ReadonlyArray<{ health: unknown }>,
): UpstreamHealthSummary {
  const ids = new Set(upstreams.map((u) => u.id));
  const worst = new Map<string, TargetState>();
  for (const node of freshNodes) {
    for (const h of readHealth(node.health)) {
      if (!ids.has(h.upstreamId)) continue;
      const key = `${h.upstreamId}\n${h.target}`;
      const seen = worst.get(key);
      worst.set(key, seen ? worseState(seen, h.state) : h.state);
    }
  }
  const summary: UpstreamHealthSummary = { targets: 0, healthy: 0, unhealthy: 0, unknown: 0 };
  for (const u of upstreams) {
    for (const target of new Set(u.targets)) {
      const state = worst.get(`${u.id}\n${target}`);
      summary.targets += 1;
      if (state === undefined) summary.unknown += 1;
      else if (state === 'healthy') summary.healthy += 1;
      else summary.unhealthy += 1;
    }
  }
  return summary;
}

/** Nodes as NodesService lists them (its `state` knows AYA_NODE_STALE_AFTER_MS). */
export function summarizeNodes(nodes: ReadonlyArray<{ state: NodeState }>): NodeSyncSummary {
  const summary: NodeSyncSummary = { total: nodes.length, inSync: 0, drifting: 0, stale: 0 };
  for (const n of nodes) {
    if (n.state === 'in-sync') summary.inSync += 1;
    else if (n.state === 'drifting') summary.drifting += 1;
    else summary.stale += 1;
  }
  return summary;
}
