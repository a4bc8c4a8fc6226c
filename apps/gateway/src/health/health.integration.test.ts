import type { SnapshotUpstream } from '@aya/config-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { route, service, upstream } from '../testing/fixtures';
import { type Lab, type Target, startLab, targets, until } from '../testing/lb-harness';

let lab: Lab | undefined;
let ups: Target[] = [];

afterEach(async () => {
  await lab?.stop();
  lab = undefined;
  await Promise.allSettled(ups.map((u) => u.kill()));
  ups = [];
});

function snapshotFor(ts: Target[], over: Partial<SnapshotUpstream>) {
  return {
    services: [service('svc', { upstreamId: 'up' })],
    routes: [route('r', 'svc', ['/'])],
    upstreams: [{ ...upstream('up', ts.map((t) => ({ port: t.port }))), ...over }],
  };
}

const stateOf = async (t: Target) => (await lab!.health()).find((h) => h.target === `127.0.0.1:${t.port}`)?.state;

async function answers(n: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await lab!.get('/x');
    seen.add(r.status === 200 ? r.upstream : `${r.status} ${r.code}`);
  }
  return seen;
}

const active = (type: 'http' | 'tcp') => ({
  type,
  path: '/health',
  method: 'GET' as const,
  expectedStatuses: [200],
  bodyRegex: 'ok',
  intervalMs: 50,
  timeoutMs: 1_000,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
});

describe('active health checks over real sockets', () => {
  it('HTTP check (status + body regex) marks a target down and up; traffic follows', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor(ups, { healthChecks: { active: active('http'), passive: null } }));
    await until(async () => (await stateOf(a)) === 'healthy', 'a healthy');
    a.mode = 'fail'; // /health answers 500 "down"
    await until(async () => (await stateOf(a)) === 'unhealthy', 'a unhealthy');
    expect(await answers(10)).toEqual(new Set(['b']));
    expect((await lab.health()).find((h) => h.target === `127.0.0.1:${b.port}`)).toMatchObject({ upstreamId: 'up', state: 'healthy' });
    a.mode = 'ok';
    await until(async () => (await stateOf(a)) === 'healthy', 'a healthy again');
    expect(await answers(10)).toEqual(new Set(['a', 'b']));
  });

  it('TCP check follows a target killed and revived on its port; all down answers 503 NO_HEALTHY_UPSTREAM', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor(ups, { healthChecks: { active: active('tcp'), passive: null } }));
    await a.kill();
    await until(async () => (await stateOf(a)) === 'unhealthy', 'a unhealthy');
    expect(await answers(6)).toEqual(new Set(['b']));
    await b.kill();
    await until(async () => (await stateOf(b)) === 'unhealthy', 'b unhealthy');
    expect(await answers(3)).toEqual(new Set(['503 AYA_GW_NO_HEALTHY_UPSTREAM']));
    await a.revive();
    await until(async () => (await stateOf(a)) === 'healthy', 'a back');
    expect(await answers(4)).toEqual(new Set(['a']));
    await b.revive();
    await until(async () => (await stateOf(b)) === 'healthy', 'b back');
  });

  it('stops checking a target that left the config and reports health in heartbeats', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor(ups, { healthChecks: { active: active('tcp'), passive: null } }));
    await until(() => lab!.cp.heartbeats.some((h) => (h.health ?? []).length === 2), 'heartbeat with health');
    const beat = lab.cp.heartbeats.findLast((h) => (h.health ?? []).length === 2)!;
    expect(beat.health![0]).toMatchObject({ upstreamId: 'up', state: expect.stringMatching(/healthy/), consecutiveFailures: expect.any(Number) });
    await lab.apply(snapshotFor([b], { healthChecks: { active: active('tcp'), passive: null } }));
    expect((await lab.health()).map((h) => h.target)).toEqual([`127.0.0.1:${b.port}`]);
    // a dies: had its checker kept running, nothing would notice; b's checker still runs
    await a.kill();
    await b.kill();
    await until(async () => (await stateOf(b)) === 'unhealthy', 'b unhealthy');
    expect(await stateOf(a)).toBeUndefined();
  });
});

describe('passive health and circuit breaker', () => {
  it('passive: N failed requests mark a target down; it comes back after the cool-down', async () => {
    ups = await targets('a', 'b');
    const [a] = ups;
    const passive = { unhealthyThreshold: 3, unhealthyStatuses: [500], cooldownMs: 400 };
    lab = await startLab(snapshotFor(ups, { healthChecks: { active: null, passive } }));
    a.mode = 'fail';
    for (let i = 0; i < 8; i++) await lab.get('/x');
    expect(a.hits).toBe(3); // the 3rd failure took it out of rotation
    expect(await stateOf(a)).toBe('unhealthy');
    expect(await answers(6)).toEqual(new Set(['b']));
    a.mode = 'ok';
    // cool-down over: one trial request decides, and it succeeds
    await until(async () => (await stateOf(a)) === 'half-open', 'cool-down over');
    expect(await answers(6)).toEqual(new Set(['a', 'b']));
    expect(await stateOf(a)).toBe('healthy');
  });

  it('breaker opens, half-opens with a limited number of probes, then closes', async () => {
    ups = await targets('a');
    const [a] = ups;
    const breaker = { failureThreshold: 2, openMs: 300, halfOpenProbes: 1 };
    lab = await startLab(snapshotFor(ups, { circuitBreaker: breaker }));
    a.mode = 'fail';
    expect((await lab.get('/x')).status).toBe(500);
    expect((await lab.get('/x')).status).toBe(500);
    expect(await stateOf(a)).toBe('open');
    expect(await lab.get('/x')).toMatchObject({ status: 503, code: 'AYA_GW_NO_HEALTHY_UPSTREAM' });
    expect(a.hits).toBe(2);
    await until(async () => (await stateOf(a)) === 'half-open', 'half-open');
    a.mode = 'hold';
    const probe = lab.get('/x');
    await until(() => a.holding === 1, 'probe reached a');
    // the only probe slot is taken: everything else is refused meanwhile
    expect(await lab.get('/x')).toMatchObject({ status: 503, code: 'AYA_GW_NO_HEALTHY_UPSTREAM' });
    a.mode = 'ok';
    a.release();
    expect(await probe).toMatchObject({ status: 200, upstream: 'a' });
    expect(await stateOf(a)).toBe('healthy');
    expect(await answers(3)).toEqual(new Set(['a']));
  });

  it('a failed half-open probe opens the breaker again', async () => {
    ups = await targets('a');
    const [a] = ups;
    lab = await startLab(snapshotFor(ups, { circuitBreaker: { failureThreshold: 1, openMs: 200, halfOpenProbes: 2 } }));
    a.mode = 'fail';
    await lab.get('/x');
    await until(async () => (await stateOf(a)) === 'half-open', 'half-open');
    expect((await lab.get('/x')).status).toBe(500);
    expect(await stateOf(a)).toBe('open');
  });
});
