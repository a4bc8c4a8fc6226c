import type { Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { describe, expect, it } from 'vitest';
import { rejectionCode as codeOf, route, service } from '../testing/fixtures';
import { verifyConfigResponse } from './verify';

const snapshot: Snapshot = { revision: 4, services: [service('s', { host: 'a', port: 1 })], routes: [route('r', 's', ['/ü/😀'])], upstreams: [] };
const hash = snapshotHash(snapshot);

describe('verifyConfigResponse', () => {
  it('accepts the response in any key order and spacing', () => {
    for (const text of [JSON.stringify({ revision: 4, hash, snapshot }), JSON.stringify({ snapshot, hash, revision: 4 }, null, 1)]) {
      expect(verifyConfigResponse(text)).toMatchObject({ revision: 4, hash, snapshot: { routes: [{ id: 'r' }] } });
    }
  });

  it('hashes items as sent, then drops the fields it does not know', () => {
    const withNewField = { ...snapshot, routes: [{ ...snapshot.routes[0], futureField: 1 }] };
    const text = JSON.stringify({ hash: snapshotHash(withNewField), revision: 4, snapshot: withNewField });
    expect(verifyConfigResponse(text).snapshot.routes[0]).not.toHaveProperty('futureField');
    expect(codeOf(() => verifyConfigResponse(JSON.stringify({ hash, revision: 4, snapshot: withNewField })))).toBe('AYA_GW_CONFIG_HASH');
  });

  it('rejects a changed snapshot, a wrong hash, bad JSON, a missing snapshot and duplicate ids', () => {
    const changed = { ...snapshot, routes: [route('r', 's', ['/other'])] };
    expect(codeOf(() => verifyConfigResponse(JSON.stringify({ revision: 4, hash, snapshot: changed })))).toBe('AYA_GW_CONFIG_HASH');
    expect(codeOf(() => verifyConfigResponse(JSON.stringify({ hash: 'f'.repeat(64), revision: 4, snapshot })))).toBe('AYA_GW_CONFIG_HASH');
    expect(codeOf(() => verifyConfigResponse('{"hash":'))).toBe('AYA_GW_CONFIG_JSON');
    expect(codeOf(() => verifyConfigResponse('{"hash":"x"}'))).toBe('AYA_GW_CONFIG_SCHEMA');
    const twice = { ...snapshot, routes: [snapshot.routes[0], snapshot.routes[0]] };
    expect(codeOf(() => verifyConfigResponse(JSON.stringify({ hash: snapshotHash(twice), revision: 4, snapshot: twice })))).toBe('AYA_GW_CONFIG_SCHEMA');
  });

  it('names where the config is invalid', () => {
    const bad = { ...snapshot, routes: [{ ...snapshot.routes[0], methods: ['BREW'] }] } as unknown as Snapshot;
    const text = JSON.stringify({ revision: 4, hash: snapshotHash(bad), snapshot: bad });
    expect(() => verifyConfigResponse(text)).toThrow(/invalid config at snapshot\.routes\.0\.methods\.0/);
  });
});
