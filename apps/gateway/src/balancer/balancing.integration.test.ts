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

function snapshotFor(ts: { port: number; weight?: number }[], over: Partial<SnapshotUpstream> = {}) {
  return {
    services: [service('svc', { upstreamId: 'up' })],
    routes: [route('r', 'svc', ['/'])],
    upstreams: [{ ...upstream('up', ts), ...over }],
  };
}

describe('balancing over real sockets', () => {
  it('consistent-hash keeps each key on its target, also when another target leaves', async () => {
    ups = await targets('a', 'b', 'c');
    const hashed = { algorithm: 'consistent-hash' as const, hashOn: { type: 'header' as const, name: 'x-user' } };
    lab = await startLab(snapshotFor(ups, hashed));
    const users = Array.from({ length: 30 }, (_, i) => `user-${i}`);
    const owner = new Map<string, string>();
    for (const u of users) {
      const first = await lab.get('/x', { headers: { 'x-user': u } });
      owner.set(u, first.upstream);
      for (let k = 0; k < 2; k++) expect((await lab.get('/x', { headers: { 'x-user': u } })).upstream).toBe(first.upstream);
    }
    expect(new Set(owner.values()).size).toBe(3);
    // c leaves the config: only c's users move
    await lab.apply(snapshotFor([ups[0], ups[1]], hashed));
    for (const u of users) {
      const now = (await lab.get('/x', { headers: { 'x-user': u } })).upstream;
      if (owner.get(u) !== 'c') expect(now).toBe(owner.get(u));
      else expect(['a', 'b']).toContain(now);
    }
  });

  it('least-latency prefers the fast server', async () => {
    ups = await targets('fast', 'slow');
    const [fast, slow] = ups;
    slow.delayMs = 150;
    lab = await startLab(snapshotFor(ups, { algorithm: 'least-latency' }));
    for (let i = 0; i < 40; i++) expect((await lab.get('/x')).status).toBe(200);
    // with two targets both are always the two choices: once measured, the slow one loses every pick
    expect(slow.hits).toBeLessThan(5);
    expect(fast.hits).toBeGreaterThan(35);
    expect((await lab.health()).find((h) => h.target === `127.0.0.1:${slow.port}`)?.latencyMs).toBeGreaterThan(0);
  });

  it('draining a target (weight 0) then removing it lets its in-flight request finish', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor([{ port: a.port }]));
    a.mode = 'hold';
    const inFlight = lab.get('/x');
    await until(() => a.holding === 1, 'request reached a');
    await lab.apply(snapshotFor([{ port: a.port, weight: 0 }, { port: b.port }]));
    for (let i = 0; i < 4; i++) expect((await lab.get('/x')).upstream).toBe('b');
    expect((await lab.health()).find((h) => h.target === `127.0.0.1:${a.port}`)?.active).toBe(1);
    await lab.apply(snapshotFor([{ port: b.port }]));
    expect((await lab.get('/x')).upstream).toBe('b');
    a.release();
    expect(await inFlight).toMatchObject({ status: 200, upstream: 'a', body: 'hello from a' });
    expect(a.hits).toBe(1);
  });

  it('weighted-least-connections and round-robin honour weights end to end', async () => {
    ups = await targets('a', 'b');
    const [a, b] = ups;
    lab = await startLab(snapshotFor([{ port: a.port, weight: 300 }, { port: b.port, weight: 100 }]));
    for (let i = 0; i < 40; i++) await lab.get('/x');
    expect([a.hits, b.hits]).toEqual([30, 10]);
    await lab.apply(snapshotFor([{ port: a.port, weight: 300 }, { port: b.port, weight: 100 }], { algorithm: 'weighted-least-connections' }));
    // sequential requests: nothing in flight, the weight decides every pick
    for (let i = 0; i < 10; i++) await lab.get('/x');
    expect([a.hits, b.hits]).toEqual([40, 10]);
  });
});
