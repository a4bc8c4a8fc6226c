import { createHash } from 'node:crypto';
import { canonicalJson, type Snapshot } from './snapshot';

/** sha256 (hex) of the canonical JSON of a snapshot. Node only: import from `@aya/config-schema/hash`. */
export function snapshotHash(snapshot: Snapshot): string {
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}
