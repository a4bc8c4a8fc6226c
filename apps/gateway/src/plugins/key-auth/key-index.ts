import { sha256Hex } from '@aya/config-schema/secrets';
import type { ConsumerDirectory, ConsumerIdentity } from '../types';

export interface KeyEntry {
  readonly credentialId: string;
  readonly consumer: ConsumerIdentity;
  /** epoch ms; null: never expires */
  readonly expiresAtMs: number | null;
}

export type KeyLookup = { readonly entry: KeyEntry } | { readonly unknown: true } | { readonly expired: true };

/**
 * The tenant's key-auth credentials by key hash, built once per config change: a request costs one sha256
 * of the presented key and one map lookup. Keys of consumers missing from the snapshot are left out.
 */
export class KeyIndex {
  private readonly byHash = new Map<string, KeyEntry>();

  constructor(directory: ConsumerDirectory) {
    for (const c of directory.credentials('key-auth')) {
      const consumer = directory.consumer(c.consumerId);
      if (consumer === undefined) continue;
      const expiresAtMs = c.expiresAt === null ? null : Date.parse(c.expiresAt);
      // an unparsable expiry is treated as expired: never a key that lives forever by accident
      this.byHash.set(c.keyHash.toLowerCase(), { credentialId: c.id, consumer, expiresAtMs: Number.isNaN(expiresAtMs) ? 0 : expiresAtMs });
    }
  }

  get size(): number {
    return this.byHash.size;
  }

  lookup(key: string, nowMs = Date.now()): KeyLookup {
    const entry = this.byHash.get(sha256Hex(key));
    if (entry === undefined) return { unknown: true };
    if (entry.expiresAtMs !== null && entry.expiresAtMs <= nowMs) return { expired: true };
    return { entry };
  }
}
