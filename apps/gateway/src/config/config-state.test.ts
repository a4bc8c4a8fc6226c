import type { ConfigChange, ConfigDelta, Snapshot, SnapshotRoute } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { describe, expect, it } from 'vitest';
import { rejectionCode as codeOf, route, service } from '../testing/fixtures';
import { ConfigState } from './config-state';
import { applyDeltaText, verifyConfigResponse } from './verify';

const base: Snapshot = {
  revision: 1,
  services: [service('s1', { host: 'a', port: 1 }), service('s2', { host: 'b', port: 2 })],
  routes: [route('r1', 's1', ['/one']), route('r2', 's2', ['/two'])],
  upstreams: [],
};

const stateOf = (s: Snapshot) => verifyConfigResponse(JSON.stringify({ revision: s.revision, hash: snapshotHash(s), snapshot: s }));

/** the delta a control plane would send to move from `from` to `to` */
function delta(fromRevision: number, to: Snapshot, changes: ConfigChange[]): ConfigDelta {
  return { from: fromRevision, revision: to.revision, hash: snapshotHash(to), changes };
}

const put = (kind: ConfigChange['kind'], item: { id: string }): ConfigChange => ({ kind, id: item.id, item: item as unknown as Record<string, unknown> });

describe('ConfigState deltas', () => {
  it('puts and deletes items; unchanged items stay the same objects and the old state is untouched', () => {
    const before = stateOf(base);
    const r1 = route('r1', 's2', ['/one-moved']);
    const r3 = route('r3', 's1', ['/three']);
    const after: Snapshot = { ...base, revision: 2, routes: [r1, r3] };
    const next = before.applyDelta(delta(1, after, [put('route', r1), { kind: 'route', id: 'r2', item: null }, put('route', r3)]));
    expect(next.revision).toBe(2);
    expect(next.hash).toBe(snapshotHash(after));
    expect(next.snapshot.routes.map((r) => r.id)).toEqual(['r1', 'r3']);
    expect(next.snapshot.routes[0].paths).toEqual(['/one-moved']);
    // services were not in the delta: the very same objects
    expect(next.snapshot.services[0]).toBe(before.snapshot.services[0]);
    expect(before.snapshot.routes.map((r) => r.paths[0])).toEqual(['/one', '/two']);
    expect(before.revision).toBe(1);
  });

  it('refuses a delta from another revision, with a wrong hash, or with a bad item', () => {
    const state = stateOf(base);
    const r3 = route('r3', 's1', ['/three']);
    const after: Snapshot = { ...base, revision: 2, routes: [...base.routes, r3] };
    expect(codeOf(() => state.applyDelta(delta(7, after, [put('route', r3)])))).toBe('AYA_GW_CONFIG_DELTA');
    expect(codeOf(() => state.applyDelta({ ...delta(1, after, [put('route', r3)]), hash: 'f'.repeat(64) }))).toBe('AYA_GW_CONFIG_HASH');
    const bad = { ...r3, methods: ['BREW'] } as unknown as SnapshotRoute;
    expect(codeOf(() => state.applyDelta(delta(1, after, [put('route', bad)])))).toBe('AYA_GW_CONFIG_SCHEMA');
    expect(codeOf(() => state.applyDelta(delta(1, after, [{ kind: 'route', id: 'other', item: r3 as unknown as Record<string, unknown> }])))).toBe(
      'AYA_GW_CONFIG_SCHEMA',
    );
    expect(codeOf(() => applyDeltaText(state, '{"from":1'))).toBe('AYA_GW_CONFIG_JSON');
    expect(codeOf(() => applyDeltaText(state, '{"from":1,"revision":2,"hash":"x","changes":[{"kind":"tenant","id":"t","item":null}]}'))).toBe(
      'AYA_GW_CONFIG_SCHEMA',
    );
  });

  it('hashes a delta item as sent (fields from a newer control plane) and keeps it stripped', () => {
    const r3 = { ...route('r3', 's1', ['/three']), futureField: true };
    const after = { ...base, revision: 2, routes: [...base.routes, r3] } as Snapshot;
    const next = stateOf(base).applyDelta(delta(1, after, [put('route', r3)]));
    expect(next.snapshot.routes[2]).not.toHaveProperty('futureField');
  });

  it('matches a whole snapshot after random changes, and round-trips through its file text', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    let state = ConfigState.empty();
    const live = new Map<string, SnapshotRoute>();
    for (let revision = 1; revision <= 60; revision++) {
      const changes: ConfigChange[] = [];
      for (let n = 0; n < 3; n++) {
        const id = `r${Math.floor(random() * 12)}`;
        if (random() < 0.3) {
          live.delete(id);
          changes.push({ kind: 'route', id, item: null });
        } else {
          const r = route(id, 's1', [`/p/${Math.floor(random() * 100)}`]);
          live.set(id, r);
          changes.push(put('route', r));
        }
      }
      const expected: Snapshot = { revision, services: [], routes: [...live.values()], upstreams: [] };
      state = state.applyDelta({ from: revision - 1, revision, hash: snapshotHash(expected), changes });
    }
    expect(new Set(state.snapshot.routes.map((r) => r.id))).toEqual(new Set(live.keys()));
    expect(verifyConfigResponse(state.toText()).hash).toBe(state.hash);
  });
});
