import { randomUUID } from 'node:crypto';
import { canonicalJson, configResponseSchema, type Snapshot, type SnapshotRoute } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSnapshot } from '../compile/compile';
import { startGateway, type GatewayHandle } from '../gateway';
import type { Logger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { service, tempDir } from '../testing/fixtures';
import { ControlPlaneClient } from './control-plane-client';
import { saveSnapshotFile } from './snapshot-file';
import { verifyConfigResponse } from './verify';

/**
 * A measurement, not a gate: feeds a 10,000-route snapshot (~1.6 MB, bench-like) through
 * pull -> verify -> compile -> swap -> disk and prints the median ms of each stage, so a change to
 * the apply path can be compared before/after. Timings are never asserted (shared CI cores).
 */
const ROUTES = 10_000;
const RUNS = 7;
const TOKEN = 'perf-token';

function bigSnapshot(): Omit<Snapshot, 'revision'> {
  const services = Array.from({ length: 50 }, (_, i) => service(randomUUID(), { name: `svc-${i}`, host: '127.0.0.1', port: 20_000 + i }));
  const routes: SnapshotRoute[] = [];
  for (let i = 0; i < ROUTES; i++) {
    const kind = i % 20;
    const paths = kind === 1 ? [`/p${i}/users/:id`] : kind === 2 ? [`~^/rx${i}/(\\d+)$`] : [`/seed/${i}`];
    routes.push({
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
  return { services, routes, upstreams: [] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeMs<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, out];
}

/** CPU ms (user + system) of a synchronous stage: less at the mercy of other processes than wall time */
function cpuMs<T>(fn: () => T): [number, T] {
  const start = process.cpuUsage();
  const out = fn();
  const used = process.cpuUsage(start);
  return [(used.user + used.system) / 1000, out];
}

let cp: FakeControlPlane;
let dataDir: string;
let base: Omit<Snapshot, 'revision'>;

beforeAll(async () => {
  cp = await new FakeControlPlane(TOKEN).start();
  dataDir = await tempDir();
  base = bigSnapshot();
});

afterAll(async () => {
  await cp?.close();
});

describe('apply pipeline at 10,000 routes (measurement)', () => {
  it('prints ms per stage', async () => {
    const client = new ControlPlaneClient(cp.url, TOKEN);
    const stages: Record<string, number[]> = {};
    const add = (name: string, ms: number) => (stages[name] ??= []).push(ms);
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      // a new route each run, like the bench's propagation step
      base.routes.push({ ...base.routes[0], id: randomUUID(), name: `new-${run}`, paths: [`/new/${run}`] });
      const revision = cp.publish(base, false);
      const [pullMs, pulled] = await timeMs(() => client.pull(null));
      if (pulled.status !== 'config') throw new Error('no config');
      const text = pulled.text;
      bytes = text.length;
      add('pull (loopback HTTP, wall)', pullMs);
      const [parseMs, raw] = cpuMs(() => JSON.parse(text) as { hash: string; snapshot: Snapshot });
      add('  JSON.parse (cpu)', parseMs);
      add('  snapshotHash(parsed) (cpu)', cpuMs(() => snapshotHash(raw.snapshot))[0]);
      add('  zod configResponseSchema, whole response (cpu)', cpuMs(() => configResponseSchema.safeParse(raw))[0]);
      const [verifyMs, response] = cpuMs(() => verifyConfigResponse(text));
      add('verifyConfigResponse, response as the control plane sends it today (cpu)', verifyMs);
      expect(response.revision).toBe(revision);
      const canonical = canonicalJson({ hash: raw.hash, revision, snapshot: raw.snapshot });
      add('verifyConfigResponse, canonical response text (cpu)', cpuMs(() => verifyConfigResponse(canonical))[0]);
      const [compileMs] = cpuMs(() => compileSnapshot(response.snapshot, { revision, hash: response.hash }));
      add('compileSnapshot (cpu)', compileMs);
      add('disk write (tmp+rename, wall)', (await timeMs(() => saveSnapshotFile(dataDir, text)))[0]);
    }
    await client.close();

    // the real gateway: from pull() to the swap (its 'applied config' log line) and to pull() resolving
    let appliedAt = 0n;
    const logger: Logger = {
      info: (msg) => {
        if (msg === 'applied config') appliedAt = process.hrtime.bigint();
      },
      warn: () => undefined,
      error: () => undefined,
    };
    const gw: GatewayHandle = await startGateway({
      proxyPort: 0,
      proxyHost: '127.0.0.1',
      statusPort: null,
      controlPlaneUrl: cp.url,
      clusterToken: TOKEN,
      dataDir: await tempDir(),
      reconcileIntervalMs: 3_600_000,
      heartbeatIntervalMs: 3_600_000,
      logger,
    });
    try {
      await gw.pull();
      for (let run = 0; run < RUNS; run++) {
        base.routes.push({ ...base.routes[0], id: randomUUID(), name: `gw-${run}`, paths: [`/gw/${run}`] });
        const revision = cp.publish(base, false);
        const start = process.hrtime.bigint();
        await gw.pull();
        const end = process.hrtime.bigint();
        expect(gw.current().revision).toBe(revision);
        add('gateway: pull() start -> swap (wall)', Number(appliedAt - start) / 1e6);
        add('gateway: pull() start -> pull() resolved (wall)', Number(end - start) / 1e6);
      }
    } finally {
      await gw.stop();
    }
    const report: Record<string, string> = {};
    for (const [name, xs] of Object.entries(stages)) report[name] = `${median(xs).toFixed(1)} ms`;
    console.log(`apply pipeline, ${ROUTES.toLocaleString('en')} routes, ${(bytes / 1e6).toFixed(2)} MB, median of ${RUNS}:`, report);
  });
});
