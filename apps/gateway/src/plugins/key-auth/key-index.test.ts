import type { SnapshotConsumer, SnapshotCredential } from '@aya/config-schema';
import { sha256Hex } from '@aya/config-schema/secrets';
import { describe, expect, it } from 'vitest';
import { TenantDirectory } from '../consumer-directory';
import { KeyIndex } from './key-index';

const alice: SnapshotConsumer = { id: 'c1', tenant: 't', username: 'alice', customId: null, groups: ['gold'] };
const key = (id: string, k: string, expiresAt: string | null, consumerId = 'c1'): SnapshotCredential => ({ type: 'key-auth', id, tenant: 't', consumerId, keyHash: sha256Hex(k), expiresAt });

describe('KeyIndex', () => {
  const index = new KeyIndex(
    new TenantDirectory([alice], [key('k1', 'old-key-0123456789', '2026-01-01T00:00:00Z'), key('k2', 'new-key-0123456789', null), key('k3', 'orphan-key-0123456', null, 'gone'), key('k4', 'weird-expiry-01234', 'soon')]),
  );

  it('finds every key of a consumer (rotation) and skips keys of unknown consumers', () => {
    expect(index.size).toBe(3);
    const found = index.lookup('new-key-0123456789', Date.parse('2026-06-01T00:00:00Z'));
    expect('entry' in found && found.entry.credentialId).toBe('k2');
    expect('entry' in found && found.entry.consumer.username).toBe('alice');
    expect(index.lookup('orphan-key-0123456')).toEqual({ unknown: true });
    expect(index.lookup('nope')).toEqual({ unknown: true });
  });

  it('an expired key is expired; before its expiry it works; an unparsable expiry counts as expired', () => {
    expect(index.lookup('old-key-0123456789', Date.parse('2026-06-01T00:00:00Z'))).toEqual({ expired: true });
    expect('entry' in index.lookup('old-key-0123456789', Date.parse('2025-06-01T00:00:00Z'))).toBe(true);
    expect(index.lookup('weird-expiry-01234', 0)).toEqual({ expired: true });
  });
});
