import { describe, expect, it } from 'vitest';
import { Router, type RouterEntry } from '../router/router';
import { bigSnapshot, cpuMs, median } from '../testing/measure';
import { compileSnapshot } from './compile';
import type { CompiledConfig } from './types';

/**
 * A measurement, not a gate: at 10,000 routes (the apply-pipeline bench's shape), CPU ms of a
 * full compile against a compile given the previous config after one route changed, and of the
 * router alone built from scratch against built from the previous one. Prints medians only;
 * timings are never asserted (shared CI cores).
 */
const ROUTES = 10_000;
const RUNS = 9;

describe(`incremental compile at ${ROUTES.toLocaleString('en')} routes (measurement)`, () => {
  it('prints median ms: full vs after one changed route', () => {
    let snapshot = bigSnapshot(ROUTES);
    const stages: Record<string, number[]> = {};
    const add = (name: string, ms: number) => (stages[name] ??= []).push(ms);
    let compiled: CompiledConfig = compileSnapshot(snapshot, { revision: 1, hash: 'h' });
    for (let run = 0; run < RUNS; run++) {
      const revision = run + 2;
      const i = (run * 997) % ROUTES;
      // what a delta does: one route replaced, every other item the same object
      const routes = snapshot.routes.slice();
      routes[i] = { ...routes[i], paths: [`/changed/${run}`] };
      snapshot = { ...snapshot, revision, routes };
      add('compileSnapshot, full (cpu)', cpuMs(() => compileSnapshot(snapshot, { revision, hash: 'h' }))[0]);
      const [ms, next] = cpuMs(() => compileSnapshot(snapshot, { revision, hash: 'h' }, compiled));
      add('compileSnapshot, previous given, 1 route changed (cpu)', ms);
      expect(next.router.find('GET', routes[i].hosts[0] ?? 'x', `/changed/${run}`)?.route.id).toBe(routes[i].id);
      compiled = next;
    }
    let entries: RouterEntry<number>[] = snapshot.routes.map((r, i) => ({ route: i, hosts: r.hosts, paths: r.paths, methods: r.methods }));
    let router = new Router(entries);
    for (let run = 0; run < RUNS; run++) {
      add('new Router(entries) (cpu)', cpuMs(() => new Router(entries))[0]);
      entries = entries.slice();
      entries[(run * 991) % ROUTES] = { route: -run, hosts: [], paths: [`/r/${run}`], methods: [] };
      const [ms, next] = cpuMs(() => new Router(entries, router));
      add('new Router(entries, previous), 1 entry changed (cpu)', ms);
      router = next;
    }
    const report: Record<string, string> = {};
    for (const [name, xs] of Object.entries(stages)) report[name] = `${median(xs).toFixed(2)} ms`;
    console.log(`compile, ${ROUTES.toLocaleString('en')} routes, median of ${RUNS}:`, report);
  });
});
