import { createHash } from 'node:crypto';
import { writeCanonicalJson } from './canonical-json';
import type { Snapshot } from './snapshot';

/** sha256 (hex) of the canonical JSON of a snapshot. Node only: import from `@aya/config-schema/hash`. */
export function snapshotHash(snapshot: Snapshot): string {
  return canonicalHash(snapshot);
}

/**
 * sha256 (hex) of canonicalJson(value), fed to the hash in chunks: hashing one 2 MB string built
 * from many small pieces costs more than building it, since it must first be flattened.
 */
export function canonicalHash(value: unknown): string {
  const hash = createHash('sha256');
  writeCanonicalJson(value, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}
