import { describe, expect, it } from 'vitest';
import type { RuntimeTarget } from '../compile/types';
import { TargetHealth } from '../health/target-health';
import { PoolRegistry } from './pool-registry';

function target(registry: PoolRegistry, port: number): RuntimeTarget {
  const origin = `http://127.0.0.1:${port}`;
  return { key: `127.0.0.1:${port}`, host: '127.0.0.1', port, weight: 1, origin, poolKey: `${origin}#1000`, connectTimeoutMs: 1000, stats: registry.statsFor(origin), gate: new TargetHealth('', `127.0.0.1:${port}`), failureStatuses: new Set() };
}

describe('PoolRegistry', () => {
  it('reuses one pool per target across revisions and counts active requests', () => {
    const r = new PoolRegistry();
    const t = target(r, 1);
    r.retain(new Set([t.poolKey]));
    const p1 = r.acquire(t);
    const p2 = r.acquire(target(r, 1));
    expect(p1).toBe(p2);
    expect(t.stats.active).toBe(2);
    r.release(t);
    r.release(t);
    expect(t.stats.active).toBe(0);
    expect(r.has(t.poolKey)).toBe(true);
  });

  it('closes a removed pool at once when idle, after its last request when busy', async () => {
    const r = new PoolRegistry();
    const idle = target(r, 1);
    const busy = target(r, 2);
    r.retain(new Set([idle.poolKey, busy.poolKey]));
    r.acquire(idle);
    r.release(idle);
    r.acquire(busy);
    r.retain(new Set());
    expect(r.has(idle.poolKey)).toBe(false);
    expect(r.has(busy.poolKey)).toBe(true);
    r.release(busy);
    expect(r.has(busy.poolKey)).toBe(false);
    await r.closeAll();
  });
});
