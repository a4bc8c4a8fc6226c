import type { SnapshotUpstream, TargetHealthReport } from '@aya/config-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSIVE } from '../compile/compile-service';
import { defaultService, route, upstream } from '../testing/fixtures';
import { type Lab, type Target, startLab, targets, until } from '../testing/lb-harness';

let lab: Lab | undefined;
let ups: Target[] = [];

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
  await Promise.allSettled(ups.map((u) => u.kill()));
  ups = [];
});

/**
 * services with the shipped defaults; `over` is merged into the upstream (absent: no health checks set),
 * `readTimeoutMs` replaces the default 60 s for targets that never answer
 */
function snapshotFor(ts: Target[], over: Partial<SnapshotUpstream> = {}, readTimeoutMs?: number) {
  const timeouts = readTimeoutMs === undefined ? {} : { readTimeoutMs };
  return {
    services: [defaultService('svc', { upstreamId: 'up', ...timeouts }), defaultService('plain', { host: '127.0.0.1', port: ts[0].port, ...timeouts })],
    routes: [route('r', 'svc', ['/']), route('r-plain', 'plain', ['/plain'])],
    upstreams: [{ ...upstream('up', ts.map((t) => ({ port: t.port })), 'weighted-round-robin'), ...over }],
  };
}

async function healthOf(t: Target): Promise<TargetHealthReport | undefined> {
  return (await lab!.health()).find((h) => h.upstreamId === 'up' && h.target === `127.0.0.1:${t.port}`);
}

async function answers(n: number, path = '/x'): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await lab!.get(path);
    out.push(r.status === 200 ? r.upstream : `${r.status} ${r.code}`);
  }
  return out;
}

describe('passive health is on by default for upstreams with two or more targets', () => {
  it('takes a dead target out after consecutive connect failures, tries it once per cool-down, and takes it back when it revives', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor(ups));
    await a.kill();
    expect(new Set(await answers(12))).toEqual(new Set(['b']));
    expect(await healthOf(a)).toMatchObject({ state: 'unhealthy', consecutiveFailures: DEFAULT_PASSIVE.unhealthyThreshold });
    // out for the cool-down: no further attempt reaches it (its failure count does not move)
    expect(new Set(await answers(12))).toEqual(new Set(['b']));
    expect(await healthOf(a)).toMatchObject({ state: 'unhealthy', consecutiveFailures: DEFAULT_PASSIVE.unhealthyThreshold });
    // cool-down over: one trial request; still dead, so out again at once (the request itself is served by b)
    await until(async () => (await healthOf(a))?.state === 'half-open', 'cool-down over');
    expect(new Set(await answers(6))).toEqual(new Set(['b']));
    expect(await healthOf(a)).toMatchObject({ state: 'unhealthy', consecutiveFailures: DEFAULT_PASSIVE.unhealthyThreshold + 1 });
    await a.revive();
    await until(async () => (await healthOf(a))?.state === 'half-open', 'second cool-down over');
    const after = await answers(6);
    expect(after).toContain('a');
    expect(after.every((x) => x === 'a' || x === 'b')).toBe(true);
    expect(await healthOf(a)).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
    expect(b.hits).toBeGreaterThan(0);
  });

  it('takes out a target that accepts and never answers after consecutive read timeouts; later requests go to the other without waiting', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    a.mode = 'hold';
    lab = await startLab(snapshotFor(ups, {}, 300));
    // each GET that waited for a's read timeout was retried on b
    expect(new Set(await answers(6))).toEqual(new Set(['b']));
    expect(a.hits).toBe(DEFAULT_PASSIVE.unhealthyThreshold);
    expect(await healthOf(a)).toMatchObject({ state: 'unhealthy', consecutiveFailures: DEFAULT_PASSIVE.unhealthyThreshold });
    // out for the cool-down: nothing more is sent to it, so no request waits for its timeout
    const before = b.hits;
    expect(new Set(await answers(12))).toEqual(new Set(['b']));
    expect(a.hits).toBe(DEFAULT_PASSIVE.unhealthyThreshold);
    expect(b.hits).toBe(before + 12);
  });

  it('never takes out the last target in rotation: with every target silent, requests are still tried and answered 504, never 503', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    a.mode = 'hold';
    b.mode = 'hold';
    lab = await startLab(snapshotFor(ups, {}, 300));
    // each request waits for both targets' timeouts until one of them is out (well within its cool-down)
    const seen = await answers(DEFAULT_PASSIVE.unhealthyThreshold + 1);
    expect(new Set(seen)).toEqual(new Set(['504 AYA_GW_UPSTREAM_TIMEOUT']));
    const states = [(await healthOf(a))?.state, (await healthOf(b))?.state].sort();
    expect(states).toEqual(['healthy', 'unhealthy']);
    // the one left in rotation keeps being tried (each request waits for its timeout)
    const hits = a.hits + b.hits;
    expect(await answers(2)).toEqual(['504 AYA_GW_UPSTREAM_TIMEOUT', '504 AYA_GW_UPSTREAM_TIMEOUT']);
    expect(a.hits + b.hits).toBe(hits + 2);
  });

  it('never counts an answer: a target answering 500 stays in rotation', async () => {
    ups = await targets('a', 'b');
    const [a] = ups;
    lab = await startLab(snapshotFor(ups));
    a.mode = 'fail';
    const seen = await answers(12);
    expect(seen.filter((x) => x === '500 ')).toHaveLength(6);
    expect(a.hits).toBe(6);
    expect((await healthOf(a))?.state).toBe('healthy');
  });

  it('health checks set explicitly win: passive null keeps trying the dead target (each failure goes to the other)', async () => {
    ups = await targets('a', 'b');
    const [a] = ups;
    lab = await startLab(snapshotFor(ups, { healthChecks: { active: null, passive: null } }));
    await a.kill();
    expect(new Set(await answers(12))).toEqual(new Set(['b']));
    expect(await healthOf(a)).toMatchObject({ state: 'healthy' });
    expect((await healthOf(a))?.consecutiveFailures).toBeGreaterThan(DEFAULT_PASSIVE.unhealthyThreshold);
  });

  it('a single target and a plain-URL service are never taken out: a dead one answers 502, as before', async () => {
    ups = await targets('a');
    const [a] = ups;
    lab = await startLab(snapshotFor(ups));
    await a.kill();
    expect(new Set(await answers(6))).toEqual(new Set(['502 AYA_GW_UPSTREAM_UNAVAILABLE']));
    expect((await healthOf(a))?.state).toBe('healthy');
    expect(new Set(await answers(6, '/plain'))).toEqual(new Set(['502 AYA_GW_UPSTREAM_UNAVAILABLE']));
  });
});
