import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import type { RuntimeTarget } from '../compile/types';
import { TargetHealth } from '../health/target-health';
import { H1Pool } from './h1-pool';
import { httpParser } from './h1-parser';
import { PoolRegistry, upstreamClientFor } from './pool-registry';

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

  it('serves plain-HTTP targets with the lean client, everything else (and a node without its parser) with undici', async () => {
    const plain = { origin: 'http://127.0.0.1:1' };
    expect(upstreamClientFor(plain, true)).toBe('lean');
    expect(upstreamClientFor(plain, false)).toBe('undici');
    expect(upstreamClientFor({ origin: 'https://127.0.0.1:1', endpoint: { tls: {} } as RuntimeTarget['endpoint'] }, true)).toBe('undici');
    expect(upstreamClientFor({ origin: 'http://127.0.0.1:1', endpoint: { http2: 'h2c' } as RuntimeTarget['endpoint'] }, true)).toBe('undici');
    const absent = (): undefined => undefined;
    expect(upstreamClientFor(plain, true, absent)).toBe('undici');
    // opted out: the parser is not even looked for
    let looked = false;
    expect(upstreamClientFor(plain, false, () => ((looked = true), httpParser()))).toBe('undici');
    expect(looked).toBe(false);

    const withParser = new PoolRegistry({ keepAliveTimeoutMs: 4_000 });
    const withoutParser = new PoolRegistry({ keepAliveTimeoutMs: 4_000, parser: absent });
    expect(withParser.acquire(target(withParser, 1))).toBeInstanceOf(H1Pool);
    expect(withoutParser.acquire(target(withoutParser, 1))).toBeInstanceOf(Pool);
    await Promise.all([withParser.closeAll(), withoutParser.closeAll()]);
  });
});
