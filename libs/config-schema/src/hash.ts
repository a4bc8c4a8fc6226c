import { createHash } from 'node:crypto';
import { writeCanonicalJson } from './canonical-json';
import { snapshotItems, type ConfigKind } from './config-delta';
import type { Snapshot } from './snapshot';

/*
 * Node only: import from `@aya/config-schema/hash`.
 *
 * The config hash is a hash of the SET of items, so that a change can update it in time proportional to
 * the change: each item's digest is sha256(kind, canonical JSON of the item) read as a 256-bit number,
 * the digests are summed modulo 2^256, and the hash is sha256 over that sum. Adding an item adds its
 * digest, deleting subtracts it, replacing does both. Order of items and the revision number do not
 * enter it: equal content, equal hash. (A sum is fine against accidents, which is what the hash guards
 * against; the channel itself is authenticated by the cluster token.)
 */
const MOD = 1n << 256n;
const HASH_PREFIX = 'aya-config-v2\n';

/** sha256 (hex) of canonicalJson(value), fed to the hash in chunks (no 2 MB string is ever flattened). */
export function canonicalHash(value: unknown): string {
  const hash = createHash('sha256');
  writeCanonicalJson(value, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

/** The digest of one item, as a number to add to / subtract from a ConfigDigest. */
export function itemDigest(kind: ConfigKind, item: unknown): bigint {
  const hash = createHash('sha256');
  hash.update(kind);
  hash.update('\n');
  writeCanonicalJson(item, (chunk) => hash.update(chunk));
  return BigInt(`0x${hash.digest('hex')}`);
}

/** The running sum of item digests behind a config hash. */
export class ConfigDigest {
  private constructor(private sum: bigint) {}

  static empty(): ConfigDigest {
    return new ConfigDigest(0n);
  }

  /** from the 64-hex sum stored by the control plane */
  static fromHex(hex: string): ConfigDigest {
    return new ConfigDigest(hex === '' ? 0n : BigInt(`0x${hex}`) % MOD);
  }

  static of(snapshot: Snapshot): ConfigDigest {
    const d = ConfigDigest.empty();
    for (const [kind, item] of snapshotItems(snapshot)) d.add(itemDigest(kind, item));
    return d;
  }

  clone(): ConfigDigest {
    return new ConfigDigest(this.sum);
  }

  add(digest: bigint): this {
    this.sum = (this.sum + digest) % MOD;
    return this;
  }

  remove(digest: bigint): this {
    this.sum = (this.sum - digest + MOD) % MOD;
    return this;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }

  /** the config hash announced in revision notices and checked by gateways */
  get hash(): string {
    return createHash('sha256').update(HASH_PREFIX).update(this.hex).digest('hex');
  }
}

/** The config hash of a whole snapshot (see above: its items as a set; the revision is not part of it). */
export function snapshotHash(snapshot: Snapshot): string {
  return ConfigDigest.of(snapshot).hash;
}
