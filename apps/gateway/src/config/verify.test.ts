import { canonicalJson, type Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { describe, expect, it } from 'vitest';
import { route, service } from '../testing/fixtures';
import { ConfigRejectedError, verifyConfigResponse } from './verify';

const snapshot: Snapshot = { revision: 4, services: [service('s', { host: 'a', port: 1 })], routes: [route('r', 's', ['/ü/😀'])], upstreams: [] };
const hash = snapshotHash(snapshot);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ConfigRejectedError ? err.code : 'other';
  }
  return undefined;
}

describe('verifyConfigResponse', () => {
  it('accepts the response in any key order, and a canonical one (hashed as sent)', () => {
    for (const text of [JSON.stringify({ revision: 4, hash, snapshot }), canonicalJson({ revision: 4, hash, snapshot })]) {
      expect(verifyConfigResponse(text)).toMatchObject({ revision: 4, hash, snapshot: { routes: [{ id: 'r' }] } });
    }
    expect(canonicalJson({ revision: 4, hash, snapshot }).startsWith('{"hash":')).toBe(true);
  });

  it('accepts canonical text with whitespace or extra fields only if the parsed snapshot hashes right', () => {
    const spaced = JSON.stringify({ hash, revision: 4, snapshot }, null, 1);
    expect(verifyConfigResponse(spaced).revision).toBe(4);
    const withNewField = { ...snapshot, routes: [{ ...snapshot.routes[0], futureField: 1 }] };
    const text = canonicalJson({ hash: snapshotHash(withNewField), revision: 4, snapshot: withNewField });
    expect(verifyConfigResponse(text).snapshot.routes[0]).not.toHaveProperty('futureField');
  });

  it('rejects a changed snapshot, canonical or not, and a wrong hash', () => {
    const changed = { ...snapshot, routes: [route('r', 's', ['/other'])] };
    expect(codeOf(() => verifyConfigResponse(canonicalJson({ hash, revision: 4, snapshot: changed })))).toBe('AYA_GW_CONFIG_HASH');
    expect(codeOf(() => verifyConfigResponse(JSON.stringify({ revision: 4, hash, snapshot: changed })))).toBe('AYA_GW_CONFIG_HASH');
    expect(codeOf(() => verifyConfigResponse(canonicalJson({ hash: 'f'.repeat(64), revision: 4, snapshot })))).toBe('AYA_GW_CONFIG_HASH');
    // the slice after "snapshot": must be the snapshot alone
    const trailing = `${canonicalJson({ hash, revision: 4, snapshot }).slice(0, -1)},"x":1}`;
    expect(codeOf(() => verifyConfigResponse(trailing))).toBe(undefined);
    expect(codeOf(() => verifyConfigResponse('{"hash":'))).toBe('AYA_GW_CONFIG_JSON');
    expect(codeOf(() => verifyConfigResponse('{"hash":"x"}'))).toBe('AYA_GW_CONFIG_SCHEMA');
  });
});

describe('verifyConfigResponse schema errors', () => {
  it('names where the config is invalid', () => {
    const bad = { ...snapshot, routes: [{ ...snapshot.routes[0], methods: ['BREW'] }] } as unknown as Snapshot;
    const text = JSON.stringify({ revision: 4, hash: snapshotHash(bad), snapshot: bad });
    expect(() => verifyConfigResponse(text)).toThrow(/invalid config at snapshot\.routes\.0\.methods\.0/);
  });
});
