import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { canonicalHash } from './hash';
import type { Snapshot } from './snapshot';
import { referenceCanonicalJson } from './testing.test-util';

/**
 * A micro-benchmark, not a gate: canonicalJson (+ sha256) of a bench-like 10,000-route snapshot,
 * after JSON.parse as a gateway sees it, against the original implementation. Prints median ms;
 * timings are never asserted (shared CI cores).
 */

function snapshot(routes: number): Snapshot {
  const services = Array.from({ length: 50 }, (_, i) => ({
    id: randomUUID(), tenant: 'default', name: `svc-${i}`, protocol: 'http' as const, host: '127.0.0.1', port: 20_000 + i,
    upstreamId: null, path: '/', connectTimeoutMs: 2_000, readTimeoutMs: 5_000, retries: 0,
  }));
  return {
    revision: 12,
    services,
    upstreams: [],
    routes: Array.from({ length: routes }, (_, i) => ({
      id: randomUUID(), tenant: 'default', name: `seed-${i}`, serviceId: services[i % 50].id, paths: [`/seed/${i}`],
      methods: i % 4 === 0 ? ['GET' as const] : [], hosts: [], stripPath: i % 2 === 0,
    })),
  };
}

function medianMs(fn: () => unknown, runs = 7): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('canonicalJson micro-benchmark (10,000 routes)', () => {
  it('reports ms before/after', () => {
    const snap = JSON.parse(JSON.stringify(snapshot(10_000))) as Snapshot;
    expect(canonicalJson(snap)).toBe(referenceCanonicalJson(snap));
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(canonicalHash(snap)).toBe(sha(referenceCanonicalJson(snap)));
    const report = {
      bytes: canonicalJson(snap).length,
      'reference canonicalJson': `${medianMs(() => referenceCanonicalJson(snap)).toFixed(1)} ms`,
      'canonicalJson': `${medianMs(() => canonicalJson(snap)).toFixed(1)} ms`,
      'reference + sha256': `${medianMs(() => sha(referenceCanonicalJson(snap))).toFixed(1)} ms`,
      'canonicalJson + sha256 (one string)': `${medianMs(() => sha(canonicalJson(snap))).toFixed(1)} ms`,
      'canonicalHash (chunks into sha256)': `${medianMs(() => canonicalHash(snap)).toFixed(1)} ms`,
      'JSON.stringify (floor)': `${medianMs(() => JSON.stringify(snap)).toFixed(1)} ms`,
    };
    console.log('canonicalJson, 10,000 routes:', report);
  });
});
