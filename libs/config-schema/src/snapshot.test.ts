import { describe, expect, it } from 'vitest';
import { snapshotHash } from './hash';
import { canonicalJson, emptySnapshot } from './snapshot';
import { hostPortSchema } from './common';

describe('canonicalJson / snapshotHash', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('hashes equal snapshots equally whatever the key order', () => {
    const a = { ...emptySnapshot(), revision: 3 };
    const b = { upstreams: [], routes: [], services: [], revision: 3 };
    expect(snapshotHash(a)).toBe(snapshotHash(b));
    expect(snapshotHash(a)).toMatch(/^[0-9a-f]{64}$/);
    // the hash is over content: a revision with the same config has the same hash
    expect(snapshotHash({ ...a, revision: 4 })).toBe(snapshotHash(a));
  });
});

describe('hostPortSchema', () => {
  it.each(['a:1', '10.0.0.1:8080', '[::1]:443', 'api.internal:65535'])('accepts %s', (v) => expect(hostPortSchema.safeParse(v).success).toBe(true));
  it.each(['a', 'a:0', 'a:70000', ':80', 'a b:80'])('refuses %s', (v) => expect(hostPortSchema.safeParse(v).success).toBe(false));
});
