import { describe, expect, it } from 'vitest';
import { Router, type RouteHit, type RouterEntry } from './router';
import { rng } from '../testing/measure';

const HOSTS = ['a.com', '*.a.com', 'x.a.com', 'B.com', '*.x.a.com'];
const PATHS = ['/', '/a', '/a/', '/a/b', '/a/:id', '/a/:id/c', '=/a/b', '=/a/:id', '=/', '~^/a/(\\d+)', '~/a', '~^/(?<n>[a-z])/', '~(a+)+$', 'bad', '/b/c'];
const REQUEST_PATHS = ['/', '/a', '/a/', '/a/b', '/a/7', '/a/7/c', '/a/b/c', '/b', '/b/c/d', '/q/', '/ab', '/a/7/c/d'];
const REQUEST_HOSTS = [undefined, 'a.com', 'x.a.com', 'y.x.a.com', 'b.com', 'z.a.com', 'other'];

function randomEntry(r: () => number, name: string): RouterEntry<string> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const n = (max: number) => Math.floor(r() * (max + 1));
  return {
    route: name,
    hosts: r() < 0.5 ? [] : Array.from({ length: 1 + n(1) }, () => pick(HOSTS)),
    paths: Array.from({ length: 1 + n(2) }, () => pick(PATHS)),
    methods: r() < 0.7 ? [] : [pick(['GET', 'POST'])],
    headers: r() < 0.8 ? undefined : { 'x-v': r() < 0.5 ? true : ['1'] },
    query: r() < 0.9 ? undefined : { q: ['1'] },
    priority: r() < 0.8 ? undefined : pick([-1, 5]),
  };
}

function summary(hit: RouteHit<string> | undefined): unknown {
  return hit && { route: hit.route, prefix: hit.prefix, params: hit.params };
}

/** every request shape against a router, as plain data */
function results(router: Router<string>): unknown[] {
  const out: unknown[] = [];
  for (const host of REQUEST_HOSTS) {
    for (const path of REQUEST_PATHS) {
      for (const [method, headers, query] of [
        ['GET', {}, ''],
        ['POST', { 'x-v': '1' }, '?q=1'],
      ] as const) {
        out.push(summary(router.find(method, host, path, headers, query)));
      }
    }
  }
  return out;
}

function mutate(r: () => number, entries: RouterEntry<string>[], serial: { n: number }): RouterEntry<string>[] {
  const next = entries.slice();
  const ops = 1 + Math.floor(r() * 3);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(r() * (next.length + 1));
    const op = r();
    if (op < 0.3 && next.length > 0) next.splice(Math.min(i, next.length - 1), 1);
    else if (op < 0.6) next.splice(i, 0, randomEntry(r, `r${serial.n++}`));
    else if (op < 0.9 && next.length > 0) next[Math.min(i, next.length - 1)] = randomEntry(r, `r${serial.n++}`);
    else if (op < 0.95 && next.length > 1) {
      // a reorder of kept entries: must fall back to a rebuild and still be right
      const [moved] = next.splice(Math.min(i, next.length - 1), 1);
      next.splice(Math.floor(r() * next.length), 0, moved);
    } else if (next.length > 0) {
      // the same entry object twice
      next.push(next[Math.floor(r() * next.length)]);
    }
  }
  return next;
}

describe('Router built from a previous router', () => {
  it('matches exactly like a router built from scratch, over random edits (seeded)', () => {
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      const serial = { n: 0 };
      let entries = Array.from({ length: 12 }, () => randomEntry(r, `r${serial.n++}`));
      let router = new Router(entries);
      let expected = results(router);
      for (let step = 0; step < 150; step++) {
        const nextEntries = mutate(r, entries, serial);
        const updated = new Router(nextEntries, router);
        const scratch = new Router(nextEntries);
        const context = `seed ${seed} step ${step}`;
        expect(results(updated), context).toEqual(results(scratch));
        expect(updated.invalid, context).toEqual(scratch.invalid);
        // the previous router (still serving in-flight requests) did not change
        expect(results(router), context).toEqual(expected);
        entries = nextEntries;
        router = updated;
        expected = results(router);
      }
    }
  });

  it('keeps matching right across many inserts at one spot (order gaps run out, then a rebuild)', () => {
    const tail = { route: 'tail', hosts: [], paths: ['/x'], methods: [] };
    let entries: RouterEntry<string>[] = [{ route: 'head', hosts: [], paths: ['/x'], methods: [] }, tail];
    let router = new Router(entries);
    for (let i = 0; i < 200; i++) {
      // each new entry goes just before the tail, the same gap halved again and again
      entries = [...entries.slice(0, -1), { route: `n${i}`, hosts: [], paths: ['/x', `=/n${i}`], methods: [] }, tail];
      router = new Router(entries, router);
      expect(router.find('GET', 'h', '/x')?.route).toBe('head');
      expect(router.find('GET', 'h', `/n${i}`)?.route).toBe(`n${i}`);
    }
    entries = entries.slice(1);
    router = new Router(entries, router);
    expect(router.find('GET', 'h', '/x')?.route).toBe('n0');
  });

  it('drops the tables of hosts no entry uses any more', () => {
    const a = { route: 'a', hosts: ['only.com'], paths: ['/'], methods: [] };
    const any = { route: 'any', hosts: [], paths: ['/'], methods: [] };
    const first = new Router([a, any]);
    const second = new Router([any], first);
    expect(first.find('GET', 'only.com', '/')?.route).toBe('a');
    expect(second.find('GET', 'only.com', '/')?.route).toBe('any');
  });
});
