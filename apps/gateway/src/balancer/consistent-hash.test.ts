import { describe, expect, it } from 'vitest';
import { createBalancer } from './create-balancer';
import { plainContext } from './pick-context';
import type { BalancerTarget } from './types';

function targets(n: number, weight = 100, from = 0): BalancerTarget[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `10.0.0.${from + i}:8080`,
    host: `10.0.0.${from + i}`,
    port: 8080,
    weight,
    stats: { active: 0, ewmaMs: 0 },
    gate: { available: () => true },
  }));
}

const KEYS = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
const byHeader = { hashOn: { type: 'header' as const, name: 'X-User' } };

function assign(ts: BalancerTarget[]): Map<string, string> {
  const b = createBalancer('consistent-hash', ts, byHeader);
  return new Map(KEYS.map((k) => [k, b.pick(plainContext('1.1.1.1', '/', { 'x-user': k }))!.key]));
}

describe('consistent-hash', () => {
  const N = 10;
  const base = assign(targets(N));

  it('spreads keys evenly over equal weights (each within 25% of its share)', () => {
    const c = new Map<string, number>();
    for (const v of base.values()) c.set(v, (c.get(v) ?? 0) + 1);
    expect(c.size).toBe(N);
    for (const n of c.values()) expect(Math.abs(n / KEYS.length - 1 / N)).toBeLessThan(0.25 / N);
  });

  it('removing one of N targets moves only its own keys (~1/N, at most 1.5/N)', () => {
    const ts = targets(N);
    const removed = ts[3].key;
    const after = assign(ts.filter((t) => t.key !== removed));
    let moved = 0;
    for (const [k, v] of base) {
      if (after.get(k) !== v) {
        moved++;
        expect(v).toBe(removed);
      }
    }
    expect(moved / KEYS.length).toBeLessThan(1.5 / N);
  });

  it('adding a target moves only keys to it (~1/(N+1), at most 1.5/(N+1))', () => {
    const after = assign([...targets(N), ...targets(1, 100, N)]);
    let moved = 0;
    for (const [k, v] of base) {
      const now = after.get(k);
      if (now !== v) {
        moved++;
        expect(now).toBe(`10.0.0.${N}:8080`);
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(moved / KEYS.length).toBeLessThan(1.5 / (N + 1));
  });

  it('keys of a down target move to the next one and come back; the others never move', () => {
    const ts = targets(N);
    let down = '';
    const gated = ts.map((t) => ({ ...t, gate: { available: () => t.key !== down } }));
    const b = createBalancer('consistent-hash', gated, byHeader);
    const pick = (k: string) => b.pick(plainContext('1.1.1.1', '/', { 'x-user': k }))!.key;
    down = ts[5].key;
    for (const k of KEYS.slice(0, 2000)) {
      const v = base.get(k)!;
      if (v === down) expect(pick(k)).not.toBe(down);
      else expect(pick(k)).toBe(v);
    }
    down = '';
    for (const k of KEYS.slice(0, 2000)) expect(pick(k)).toBe(base.get(k));
  });

  it('honours weights (a 3x target gets ~3x the keys, within 20%)', () => {
    const ts = [...targets(2, 100), ...targets(1, 300, 2)];
    const c = new Map<string, number>();
    for (const v of assign(ts).values()) c.set(v, (c.get(v) ?? 0) + 1);
    expect(Math.abs(c.get('10.0.0.2:8080')! / KEYS.length - 0.6)).toBeLessThan(0.6 * 0.2);
  });

  it('hashes on cookie, query and path, and falls back to the client IP', () => {
    const ts = targets(N);
    const cookie = createBalancer('consistent-hash', ts, { hashOn: { type: 'cookie', name: 'sid' } });
    const query = createBalancer('consistent-hash', ts, { hashOn: { type: 'query', name: 'u' } });
    const path = createBalancer('consistent-hash', ts, { hashOn: { type: 'path' } });
    const sticky = (f: (i: number) => BalancerTarget | undefined) => new Set(Array.from({ length: 20 }, (_, i) => f(i)?.key)).size;
    expect(sticky((i) => cookie.pick(plainContext(`9.9.9.${i}`, '/', { cookie: `a=1; sid=abc${i > 100 ? i : ''}` })))).toBe(1);
    expect(sticky((i) => query.pick(plainContext(`9.9.9.${i}`, `/x?z=${i}&u=bob`)))).toBe(1);
    expect(sticky((i) => path.pick(plainContext(`9.9.9.${i}`, `/orders/7?i=${i}`)))).toBe(1);
    // no cookie: the client IP decides, so different clients spread
    expect(sticky((i) => cookie.pick(plainContext(`9.9.${i}.${i}`)))).toBeGreaterThan(1);
  });
});
