import { NODE_STALE_AFTER_MS, type ConfigRevisionInfo, type GatewayNode } from '@aya/config-schema';
import { api } from './api-client';

export interface ApplyProgress {
  /** live gateways that report the write's revision or a later one */
  applied: number;
  /** gateways that count: live ones, and any that already applied it */
  total: number;
}

/**
 * Revisions are one global, gap-free sequence, so a node at `target` or later runs the write. A node that
 * stopped reporting (last seen longer ago than the control plane's own staleness limit) does not count.
 */
export function applyProgress(nodes: ReadonlyArray<GatewayNode>, target: number, now: number): ApplyProgress {
  let applied = 0;
  let total = 0;
  for (const n of nodes) {
    const done = n.revision >= target;
    const live = n.inSync || now - Date.parse(n.lastSeenAt) <= NODE_STALE_AFTER_MS;
    if (!live && !done) continue;
    total++;
    if (done) applied++;
  }
  return { applied, total };
}

export function applyProgressText({ applied, total }: ApplyProgress): string {
  if (total === 0) return 'No gateway connected: it applies when one starts.';
  return `Applied on ${applied} of ${total} gateway${total === 1 ? '' : 's'}.`;
}

export interface FollowOptions {
  timeoutMs?: number;
  intervalMs?: number;
  onProgress?: (p: ApplyProgress) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows the config revision a write just made until every live gateway reports it, or the timeout: the
 * last count is the answer. The revision read right after the write is that write's or a later one, and
 * waiting for a later one waits for this one too.
 */
export async function followGatewayApply({ timeoutMs = 20_000, intervalMs = 1_000, onProgress }: FollowOptions = {}): Promise<ApplyProgress> {
  const { revision } = await api.get<ConfigRevisionInfo>('/api/v1/config/revision');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await api.get<{ data: GatewayNode[] }>('/api/v1/nodes');
    const progress = applyProgress(data, revision, Date.now());
    onProgress?.(progress);
    if (progress.applied === progress.total || Date.now() + intervalMs > deadline) return progress;
    await sleep(intervalMs);
  }
}
