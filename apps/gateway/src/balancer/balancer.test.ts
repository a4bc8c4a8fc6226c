import { ALGORITHMS } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { createBalancer } from './create-balancer';
import { LATENCY_HALF_LIFE_MS, LeastLatencyBalancer } from './least-latency';
import { plainContext } from './pick-context';
import type { BalancerTarget, PickContext } from './types';

type TestTarget = BalancerTarget & { up: boolean; stats: { active: number; ewmaMs: number } };

function targets(...weights: number[]): TestTarget[] {
  return weights.map((weight, i) => {
    const t: TestTarget = {
      key: `t${i}:80`,
      host: `t${i}`,
      port: 80,
      weight,
      up: true,
      stats: { active: 0, ewmaMs: 0 },
      gate: { available: () => t.up },
    };
    return t;
  });
}

const ip = (i: number): PickContext => plainContext(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);

function count(picks: (BalancerTarget | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of picks) if (p) out[p.key] = (out[p.key] ?? 0) + 1;
  return out;
}

describe.each(ALGORITHMS)('%s', (algo) => {
  it('never picks a drained (weight 0) target and reports no target when all are drained', () => {
    const b = createBalancer(algo, targets(0, 10, 0));
    for (let i = 0; i < 100; i++) expect(b.pick(ip(i))?.key).toBe('t1:80');
    expect(createBalancer(algo, targets(0, 0)).pick(ip(1))).toBeUndefined();
    expect(createBalancer(algo, []).pick(ip(1))).toBeUndefined();
  });

  it('honours exclude (retries go to another target) and returns undefined when all are excluded', () => {
    const ts = targets(1, 1, 1);
    const b = createBalancer(algo, ts);
    for (let i = 0; i < 30; i++) expect(b.pick(ip(i), new Set([ts[0], ts[1]]))).toBe(ts[2]);
    expect(b.pick(ip(1), new Set(ts))).toBeUndefined();
  });

  it('skips targets whose gate is shut (unhealthy, breaker open) and none when all are down', () => {
    const ts = targets(100, 100, 100);
    const b = createBalancer(algo, ts);
    ts[1].up = false;
    const c = count(Array.from({ length: 300 }, (_, i) => b.pick(ip(i))));
    expect(c['t1:80']).toBeUndefined();
    expect((c['t0:80'] ?? 0) + (c['t2:80'] ?? 0)).toBe(300);
    for (const t of ts) t.up = false;
    expect(b.pick(ip(1))).toBeUndefined();
  });
});

describe('distribution', () => {
  it('round-robin rotates evenly over equal weights', () => {
    const b = createBalancer('round-robin', targets(1, 1, 1));
    const picks = Array.from({ length: 9 }, () => b.pick(ip(0))?.key);
    expect(picks).toEqual(['t0:80', 't1:80', 't2:80', 't0:80', 't1:80', 't2:80', 't0:80', 't1:80', 't2:80']);
  });

  it('round-robin honours weights exactly per cycle', () => {
    const b = createBalancer('round-robin', targets(300, 100));
    expect(count(Array.from({ length: 4000 }, () => b.pick(ip(0))))).toEqual({ 't0:80': 3000, 't1:80': 1000 });
  });

  it('weighted-round-robin is smooth (nginx sequence for 5,1,1) and exact per cycle', () => {
    const b = createBalancer('weighted-round-robin', targets(5, 1, 1));
    const seq = Array.from({ length: 7 }, () => b.pick(ip(0))?.key.slice(0, 2)).join(' ');
    expect(seq).toBe('t0 t0 t1 t0 t2 t0 t0');
    expect(count(Array.from({ length: 7000 }, () => b.pick(ip(0))))).toEqual({ 't0:80': 5000, 't1:80': 1000, 't2:80': 1000 });
  });

  it('least-connections picks the fewest in flight, whatever the weights', () => {
    const ts = targets(1, 1, 100);
    const b = createBalancer('least-connections', ts);
    ts[0].stats.active = 5;
    ts[1].stats.active = 1;
    ts[2].stats.active = 4;
    expect(b.pick(ip(0))).toBe(ts[1]);
  });

  it('weighted-least-connections weighs in flight requests by weight', () => {
    const ts = targets(1, 1, 2);
    const b = createBalancer('weighted-least-connections', ts);
    ts[0].stats.active = 5;
    ts[1].stats.active = 1; // (1+1)/1 = 2
    ts[2].stats.active = 4; // (4+1)/2 = 2.5
    expect(b.pick(ip(0))).toBe(ts[1]);
    ts[1].stats.active = 3; // 4 > 2.5
    expect(b.pick(ip(0))).toBe(ts[2]);
  });

  it('least-connections spreads evenly when idle', () => {
    const b = createBalancer('least-connections', targets(1, 1));
    expect(count(Array.from({ length: 100 }, () => b.pick(ip(0))))).toEqual({ 't0:80': 50, 't1:80': 50 });
  });

  it('ip-hash is sticky per client and spreads clients by weight (within 10%)', () => {
    const b = createBalancer('ip-hash', targets(100, 100, 200));
    const first = b.pick(plainContext('203.0.113.7'));
    for (let i = 0; i < 20; i++) expect(b.pick(plainContext('203.0.113.7'))).toBe(first);
    const c = count(Array.from({ length: 20000 }, (_, i) => b.pick(ip(i))));
    expect(Math.abs(c['t0:80'] / 20000 - 0.25)).toBeLessThan(0.1);
    expect(Math.abs(c['t2:80'] / 20000 - 0.5)).toBeLessThan(0.1);
  });

  it('least-latency prefers the target with the lower EWMA (power of two choices)', () => {
    const ts = targets(1, 1, 1);
    ts[0].stats.ewmaMs = 50;
    ts[1].stats.ewmaMs = 5;
    ts[2].stats.ewmaMs = 50;
    const b = createBalancer('least-latency', ts);
    const c = count(Array.from({ length: 3000 }, () => b.pick(ip(0))));
    // t1 wins every pair it is in: 2 of the 3 pairs -> ~2/3 (within 5 points)
    expect(Math.abs(c['t1:80'] / 3000 - 2 / 3)).toBeLessThan(0.05);
  });

  it('least-latency probes a once-slow target again as its unrefreshed latency decays', () => {
    const ts = targets(1, 1);
    let now = 0;
    const b = new LeastLatencyBalancer(ts, Math.random, () => now);
    ts[0].stats.ewmaMs = 400; // slow once, then never picked: nothing refreshes it
    ts[1].stats.ewmaMs = 20;
    let n = 0;
    const pickAndRefresh = () => {
      const t = b.pick(ip(0));
      // every answer moves the EWMA a little, as the proxy does
      if (t) t.stats.ewmaMs = 20 + (++n % 7) / 10;
      return t;
    };
    expect(count(Array.from({ length: 100 }, pickAndRefresh))).toEqual({ 't1:80': 100 });
    // 400 ms halves every LATENCY_HALF_LIFE_MS: after 5 half-lives it scores under t1's 20 ms
    now += 5 * LATENCY_HALF_LIFE_MS;
    expect(pickAndRefresh()).toBe(ts[0]);
  });
});
