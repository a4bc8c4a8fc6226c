import { randomUUID } from 'node:crypto';
import type { Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSnapshot } from '../compile/compile';
import { startGateway, type GatewayHandle } from '../gateway';
import type { Logger } from '../log';
import { FakeControlPlane } from '../testing/fake-control-plane';
import { tempDir } from '../testing/fixtures';
import { bigSnapshot, cpuMs, median, timeMs } from '../testing/measure';
import { ControlPlaneClient } from './control-plane-client';
import { saveSnapshotFile } from './snapshot-file';
import { applyDeltaText, verifyConfigResponse } from './verify';

/**
 * A measurement, not a gate: a 10,000-route config (~2 MB, bench-like) through the apply path,
 * median ms per stage: the whole snapshot (a new gateway) and a one-route delta (every change
 * after that), then a real gateway from pull() to the swap. Timings are never asserted (shared
 * CI cores).
 */
const ROUTES = 10_000;
const RUNS = 7;
const TOKEN = 'perf-token';

let cp: FakeControlPlane;
let dataDir: string;
let base: Omit<Snapshot, 'revision'>;

beforeAll(async () => {
  cp = await new FakeControlPlane(TOKEN).start();
  dataDir = await tempDir();
  base = bigSnapshot(ROUTES);
});

afterAll(async () => {
  await cp?.close();
});

/** a new route each time, like the bench's propagation step */
function addRoute(name: string): void {
  base.routes.push({ ...base.routes[0], id: randomUUID(), name, paths: [`/${name}`] });
}

describe('apply pipeline at 10,000 routes (measurement)', () => {
  it('prints ms per stage', async () => {
    const client = new ControlPlaneClient(cp.url, TOKEN);
    const stages: Record<string, number[]> = {};
    const add = (name: string, ms: number) => (stages[name] ??= []).push(ms);
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      addRoute(`new-${run}`);
      const revision = cp.publish(base, false);
      const [pullMs, pulled] = await timeMs(() => client.pull(null));
      if (pulled.status !== 'config') throw new Error('no config');
      bytes = pulled.text.length;
      add('whole: pull (loopback HTTP, wall)', pullMs);
      add('whole:   JSON.parse (cpu)', cpuMs(() => JSON.parse(pulled.text) as unknown)[0]);
      add('whole:   snapshotHash (cpu)', cpuMs(() => snapshotHash({ revision, ...base }))[0]);
      const [verifyMs, state] = cpuMs(() => verifyConfigResponse(pulled.text));
      add('whole: verifyConfigResponse (cpu)', verifyMs);
      expect(state.revision).toBe(revision);
      const [compileMs, compiled] = cpuMs(() => compileSnapshot(state.snapshot, { revision, hash: state.hash }));
      add('whole: compileSnapshot (cpu)', compileMs);
      add('whole: disk write (tmp+rename, wall)', (await timeMs(() => saveSnapshotFile(dataDir, pulled.text)))[0]);

      addRoute(`delta-${run}`);
      const next = cp.publish(base, false);
      const [deltaPullMs, delta] = await timeMs(() => client.changes(revision));
      if (delta.status !== 'delta') throw new Error('no delta');
      add('delta: pull (loopback HTTP, wall)', deltaPullMs);
      const [applyMs, nextState] = cpuMs(() => applyDeltaText(state, delta.text));
      add('delta: applyDeltaText (cpu)', applyMs);
      expect(nextState.revision).toBe(next);
      add('delta: compileSnapshot, previous given (cpu)', cpuMs(() => compileSnapshot(nextState.snapshot, { revision: next, hash: nextState.hash }, compiled))[0]);
      add('delta: last-known-good text (cpu, off the apply path)', cpuMs(() => nextState.toText())[0]);
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
      const pullsBefore = cp.pulls;
      for (let run = 0; run < RUNS; run++) {
        addRoute(`gw-${run}`);
        const revision = cp.publish(base, false);
        const start = process.hrtime.bigint();
        await gw.pull();
        const end = process.hrtime.bigint();
        expect(gw.current().revision).toBe(revision);
        add('gateway: pull() start -> swap, by delta (wall)', Number(appliedAt - start) / 1e6);
        add('gateway: pull() start -> pull() resolved (wall)', Number(end - start) / 1e6);
      }
      // every change went by delta: no whole pull after the first
      expect(cp.pulls).toBe(pullsBefore);
    } finally {
      await gw.stop();
    }
    const report: Record<string, string> = {};
    for (const [name, xs] of Object.entries(stages)) report[name] = `${median(xs).toFixed(1)} ms`;
    console.log(`apply pipeline, ${ROUTES.toLocaleString('en')} routes, ${(bytes / 1e6).toFixed(2)} MB, median of ${RUNS}:`, report);
  });
});
