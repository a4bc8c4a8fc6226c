import type { GatewayNode } from '@aya/config-schema';
import { client, unwrap } from './api-client';

export interface ApplyProgress {
  /** live gateways that report the write's revision or a later one */
  applied: number;
  /** gateways that count: live ones, and any that already applied it */
  total: number;
}

/**
 * Revisions are one global, gap-free sequence, so a node at `target` or later runs the write. A node that
 * stopped reporting (`stale` by the control plane's clock and limit, not the browser's) does not count.
 */
export function applyProgress(nodes: ReadonlyArray<Pick<GatewayNode, 'revision' | 'state'>>, target: number): ApplyProgress {
  let applied = 0;
  let total = 0;
  for (const n of nodes) {
    const done = n.revision >= target;
    const live = n.state !== 'stale';
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
  onProgress?: (p: ApplyProgress) => void;
}

const POLL_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Waiter extends FollowOptions {
  target: number;
  deadline: number;
  resolve: (p: ApplyProgress) => void;
  reject: (err: unknown) => void;
}

/** Every toast waiting for gateways shares one poll of `GET /nodes` (a burst of writes is not a burst of polls). */
const waiters = new Set<Waiter>();
let polling = false;

async function pollNodes(): Promise<void> {
  if (polling) return;
  polling = true;
  try {
    while (waiters.size > 0) {
      let nodes: GatewayNode[];
      try {
        nodes = (await unwrap(client.GET('/api/v1/nodes'))).data;
      } catch (err) {
        for (const w of waiters) w.reject(err);
        waiters.clear();
        return;
      }
      const now = Date.now();
      for (const w of [...waiters]) {
        const progress = applyProgress(nodes, w.target);
        w.onProgress?.(progress);
        if (progress.applied === progress.total || now + POLL_MS > w.deadline) {
          waiters.delete(w);
          w.resolve(progress);
        }
      }
      if (waiters.size > 0) await sleep(POLL_MS);
    }
  } finally {
    polling = false;
  }
}

/**
 * Follows the config revision a write just made until every live gateway reports it, or the timeout: the
 * last count is the answer. The revision read right after the write is that write's or a later one, and
 * waiting for a later one waits for this one too.
 */
export async function followGatewayApply({ timeoutMs = 20_000, onProgress }: FollowOptions = {}): Promise<ApplyProgress> {
  const { revision } = await unwrap(client.GET('/api/v1/config/revision'));
  const done = new Promise<ApplyProgress>((resolve, reject) => {
    waiters.add({ target: revision, deadline: Date.now() + timeoutMs, onProgress, resolve, reject });
  });
  void pollNodes();
  return done;
}
