import { describe, expect, it } from 'vitest';
import { createBalancer } from './create-balancer';
import type { BalancerTarget } from './types';

function targets(...weights: number[]): BalancerTarget[] {
  return weights.map((weight, i) => ({ key: `t${i}:80`, host: `t${i}`, port: 80, weight, stats: { active: 0 } }));
}

function count(picks: (BalancerTarget | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of picks) if (p) out[p.key] = (out[p.key] ?? 0) + 1;
  return out;
}

const ALGOS = ['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash'] as const;

describe.each(ALGOS)('%s', (algo) => {
  it('never picks a drained (weight 0) target and reports no target when all are drained', () => {
    const b = createBalancer(algo, targets(0, 10, 0));
    for (let i = 0; i < 100; i++) expect(b.pick(`10.0.0.${i}`)?.key).toBe('t1:80');
    expect(createBalancer(algo, targets(0, 0)).pick('1.2.3.4')).toBeUndefined();
    expect(createBalancer(algo, []).pick('1.2.3.4')).toBeUndefined();
  });

  it('honours exclude (retries go to another target) and returns undefined when all are excluded', () => {
    const ts = targets(1, 1, 1);
    const b = createBalancer(algo, ts);
    for (let i = 0; i < 30; i++) {
      const p = b.pick(`10.0.0.${i}`, new Set([ts[0], ts[1]]));
      expect(p).toBe(ts[2]);
    }
    expect(b.pick('1.1.1.1', new Set(ts))).toBeUndefined();
  });
});

describe('distribution', () => {
  it('round-robin rotates evenly over equal weights', () => {
    const b = createBalancer('round-robin', targets(1, 1, 1));
    const picks = Array.from({ length: 9 }, () => b.pick('ip')?.key);
    expect(picks).toEqual(['t0:80', 't1:80', 't2:80', 't0:80', 't1:80', 't2:80', 't0:80', 't1:80', 't2:80']);
  });

  it('round-robin honours weights exactly per cycle', () => {
    const b = createBalancer('round-robin', targets(300, 100));
    const c = count(Array.from({ length: 4000 }, () => b.pick('ip')));
    expect(c).toEqual({ 't0:80': 3000, 't1:80': 1000 });
  });

  it('weighted-round-robin is smooth (nginx sequence for 5,1,1)', () => {
    const b = createBalancer('weighted-round-robin', targets(5, 1, 1));
    const seq = Array.from({ length: 7 }, () => b.pick('ip')?.key.slice(0, 2)).join(' ');
    expect(seq).toBe('t0 t0 t1 t0 t2 t0 t0');
    const c = count(Array.from({ length: 7000 }, () => b.pick('ip')));
    expect(c).toEqual({ 't0:80': 5000, 't1:80': 1000, 't2:80': 1000 });
  });

  it('least-connections prefers the least busy target relative to weight', () => {
    const ts = targets(1, 1, 2);
    const b = createBalancer('least-connections', ts);
    ts[0].stats.active = 5;
    ts[1].stats.active = 1;
    ts[2].stats.active = 4; // 4/2 = 2 > 1/1
    expect(b.pick('ip')).toBe(ts[1]);
    ts[1].stats.active = 3;
    expect(b.pick('ip')).toBe(ts[2]);
  });

  it('least-connections spreads evenly when idle', () => {
    const b = createBalancer('least-connections', targets(1, 1));
    const c = count(Array.from({ length: 100 }, () => b.pick('ip')));
    expect(c).toEqual({ 't0:80': 50, 't1:80': 50 });
  });

  it('ip-hash is sticky per client and spreads clients by weight (within 10%)', () => {
    const b = createBalancer('ip-hash', targets(100, 100, 200));
    const first = b.pick('203.0.113.7');
    for (let i = 0; i < 20; i++) expect(b.pick('203.0.113.7')).toBe(first);
    const c = count(Array.from({ length: 20000 }, (_, i) => b.pick(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)));
    expect(c['t0:80'] / 20000).toBeGreaterThan(0.25 - 0.1);
    expect(c['t0:80'] / 20000).toBeLessThan(0.25 + 0.1);
    expect(c['t2:80'] / 20000).toBeGreaterThan(0.5 - 0.1);
    expect(c['t2:80'] / 20000).toBeLessThan(0.5 + 0.1);
  });
});
