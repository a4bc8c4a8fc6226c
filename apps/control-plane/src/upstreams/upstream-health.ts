import { targetHealthSchema, worseState, type NodeTargetHealth, type TargetHealthReport, type TargetState, type UpstreamTargetHealth as TargetHealth } from '@aya/config-schema';
import { z } from 'zod';

export type { NodeTargetHealth, UpstreamTargetHealth as TargetHealth } from '@aya/config-schema';

const storedHealthSchema = z.array(targetHealthSchema);

/** The stored `health` of a node row (anything unreadable counts as no report). */
export function readHealth(raw: unknown): TargetHealthReport[] {
  const parsed = storedHealthSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/**
 * Per target of one upstream, every fresh node's report and the worst state among them. Targets come in the
 * upstream's configured order, then any others the nodes still report (an older revision's targets).
 */
export function aggregateHealth(
  upstreamId: string,
  configuredTargets: readonly string[],
  nodes: ReadonlyArray<{ id: string; lastSeenAt: Date; health: unknown }>,
): TargetHealth[] {
  const byTarget = new Map<string, NodeTargetHealth[]>();
  for (const node of [...nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const h of readHealth(node.health)) {
      if (h.upstreamId !== upstreamId) continue;
      const list = byTarget.get(h.target) ?? [];
      list.push({
        nodeId: node.id,
        state: h.state,
        consecutiveFailures: h.consecutiveFailures,
        active: h.active,
        latencyMs: h.latencyMs,
        since: h.since,
        lastSeenAt: node.lastSeenAt.toISOString(),
      });
      byTarget.set(h.target, list);
    }
  }
  const order = [...configuredTargets.filter((t) => byTarget.has(t)), ...[...byTarget.keys()].filter((t) => !configuredTargets.includes(t)).sort()];
  return order.map((target) => {
    const reports = byTarget.get(target) ?? [];
    const state = reports.reduce<TargetState>((worst, r) => worseState(worst, r.state), 'healthy');
    return { target, state, nodes: reports };
  });
}
