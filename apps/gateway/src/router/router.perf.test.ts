import { describe, expect, it } from 'vitest';
import { Router, type RouterEntry } from './router';

/**
 * A micro-benchmark, not a gate: it prints ns per lookup over 1,000 routes of every kind so a
 * change to the router can be compared before/after. Timings are never asserted (shared CI cores).
 */
function routes(): RouterEntry<number>[] {
  const out: RouterEntry<number>[] = [];
  for (let i = 0; i < 1000; i++) {
    const kind = i % 5;
    const paths =
      kind === 0 ? [`/svc${i}/api`] : kind === 1 ? [`=/svc${i}/health`] : kind === 2 ? [`/svc${i}/users/:id/orders/:orderId`] : kind === 3 ? [`~^/rx${i}/(\\d+)$`] : [`/svc${i}/v2`];
    out.push({ route: i, hosts: i % 3 === 0 ? [`h${i % 7}.example.com`] : [], paths, methods: i % 4 === 0 ? ['GET'] : [], headers: kind === 4 ? { 'x-v': ['2'] } : undefined });
  }
  return out;
}

function nsPerOp(router: Router<number>, paths: string[], headers: Record<string, string>): number {
  const n = 200_000;
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += router.find('GET', 'h3.example.com', paths[i % paths.length], headers)?.route ?? 0;
  const ns = Number(process.hrtime.bigint() - start) / n;
  expect(sink).toBeGreaterThan(0);
  return ns;
}

describe('router micro-benchmark (1,000 routes)', () => {
  it('reports ns per lookup', () => {
    const router = new Router(routes());
    const cases: Record<string, string[]> = {
      prefix: ['/svc500/api/x/y', '/svc10/api'],
      exact: ['/svc511/health'],
      params: ['/svc502/users/42/orders/7'],
      regexFirst: ['/rx3/12'],
      regexLast: ['/rx998/12'],
      headerPredicate: ['/svc514/v2/a'],
    };
    const report: Record<string, string> = {};
    for (const [name, paths] of Object.entries(cases)) {
      nsPerOp(router, paths, { 'x-v': '2' }); // warm up
      report[name] = `${nsPerOp(router, paths, { 'x-v': '2' }).toFixed(0)} ns/op`;
    }
    console.log('router lookups, 1,000 routes:', report);
  });
});
