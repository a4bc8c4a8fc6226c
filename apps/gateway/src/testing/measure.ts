import { randomUUID } from 'node:crypto';
import type { Snapshot, SnapshotRoute } from '@aya/config-schema';
import { service } from './fixtures';

/** Small seeded PRNG (mulberry32): a failure reproduces from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU ms (user + system) of a synchronous stage: less at the mercy of other processes than wall time */
export function cpuMs<T>(fn: () => T): [number, T] {
  const start = process.cpuUsage();
  const out = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, out];
}

export async function timeMs<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, out];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A bench-like config: 50 services, `routes` routes (prefix mostly, some params and regexes, some hosts and methods). */
export function bigSnapshot(routes: number): Snapshot {
  const services = Array.from({ length: 50 }, (_, i) => service(randomUUID(), { name: `svc-${i}`, host: '127.0.0.1', port: 20_000 + i }));
  const list: SnapshotRoute[] = [];
  for (let i = 0; i < routes; i++) {
    const kind = i % 20;
    const paths = kind === 1 ? [`/p${i}/users/:id`] : kind === 2 ? [`~^/rx${i}/(\\d+)$`] : [`/seed/${i}`];
    list.push({
      id: randomUUID(),
      tenant: 'default',
      name: `seed-${i}`,
      serviceId: services[i % services.length].id,
      paths,
      methods: i % 4 === 0 ? ['GET', 'POST'] : [],
      hosts: i % 10 === 0 ? [`h${i % 7}.example.com`] : [],
      stripPath: i % 2 === 0,
    });
  }
  return { revision: 1, services, routes: list, upstreams: [] };
}
