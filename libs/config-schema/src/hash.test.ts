import { describe, expect, it } from 'vitest';
import { mergeChanges, type ConfigChange } from './config-delta';
import { ConfigDigest, itemDigest, snapshotHash } from './hash';
import { emptySnapshot, type Snapshot, type SnapshotRoute } from './snapshot';
import { rng } from './testing.test-util';

const route = (i: number, extra: Partial<SnapshotRoute> = {}): SnapshotRoute => ({
  id: `r${i}`,
  tenant: 'default',
  name: `route-${i}`,
  serviceId: 's1',
  paths: [`/p/${i}`],
  methods: [],
  hosts: [],
  stripPath: false,
  ...extra,
});

const withRoutes = (routes: SnapshotRoute[]): Snapshot => ({ ...emptySnapshot(), routes });


describe('config hash (set of items)', () => {
  it('ignores item order and the revision, not content', () => {
    const a = withRoutes([route(1), route(2)]);
    expect(snapshotHash(a)).toBe(snapshotHash({ ...withRoutes([route(2), route(1)]), revision: 9 }));
    expect(snapshotHash(a)).not.toBe(snapshotHash(withRoutes([route(1), route(2, { stripPath: true })])));
    expect(snapshotHash(a)).not.toBe(snapshotHash(withRoutes([route(1)])));
    expect(snapshotHash(emptySnapshot())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells kinds apart: the same object as a route or as an upstream hashes differently', () => {
    expect(itemDigest('route', { id: 'x' })).not.toBe(itemDigest('upstream', { id: 'x' }));
  });

  it('updated item by item equals the hash computed from scratch, over random puts and deletes', () => {
    const random = rng(42);
    const live = new Map<string, SnapshotRoute>();
    const digest = ConfigDigest.empty();
    for (let step = 0; step < 500; step++) {
      const id = Math.floor(random() * 40);
      const old = live.get(`r${id}`);
      if (old) digest.remove(itemDigest('route', old));
      if (random() < 0.3) {
        live.delete(`r${id}`);
      } else {
        const next = route(id, { stripPath: random() < 0.5, priority: Math.floor(random() * 3) });
        live.set(next.id, next);
        digest.add(itemDigest('route', next));
      }
      if (step % 50 === 0) expect(digest.hash).toBe(snapshotHash(withRoutes([...live.values()])));
    }
    expect(digest.hash).toBe(snapshotHash(withRoutes([...live.values()])));
    // the stored form round-trips
    expect(ConfigDigest.fromHex(digest.hex).hash).toBe(digest.hash);
    expect(ConfigDigest.fromHex('').hash).toBe(snapshotHash(emptySnapshot()));
  });
});

describe('mergeChanges', () => {
  it('keeps the last change per item, in first-seen order', () => {
    const put = (id: string, n: number): ConfigChange => ({ kind: 'route', id, item: { id, n } });
    const del = (id: string): ConfigChange => ({ kind: 'route', id, item: null });
    const merged = mergeChanges([[put('a', 1), put('b', 1)], [del('a')], [put('b', 2), { kind: 'service', id: 'a', item: { id: 'a' } }]]);
    expect(merged).toEqual([del('a'), put('b', 2), { kind: 'service', id: 'a', item: { id: 'a' } }]);
  });
});
