import { createHash } from 'node:crypto';
import { configResponseSchema, type ConfigResponse } from '@aya/config-schema';
import { canonicalHash } from '@aya/config-schema/hash';

export class ConfigRejectedError extends Error {
  constructor(
    readonly code: 'AYA_GW_CONFIG_JSON' | 'AYA_GW_CONFIG_HASH' | 'AYA_GW_CONFIG_SCHEMA' | 'AYA_GW_CONFIG_COMPILE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A response that is itself canonical JSON (keys sorted: hash, revision, snapshot) carries the
 * snapshot's canonical text verbatim: from `"snapshot":` to the closing brace. A control plane
 * that serves its stored canonical text this way lets the gateway hash those bytes instead of
 * re-serializing the parsed snapshot. Anything else takes the general path.
 */
const CANONICAL_HEAD = /^\{"hash":"[0-9a-f]{64}","revision":\d+,"snapshot":/;

function announcedSnapshotText(text: string): string | null {
  const head = CANONICAL_HEAD.exec(text);
  if (head === null || text.charCodeAt(text.length - 1) !== 125 /* } */) return null;
  return text.slice(head[0].length, -1);
}

/**
 * Parses a ConfigResponse text: JSON.parse once, the hash once, zod once. The hash is checked on
 * the snapshot exactly as sent (before zod strips unknown keys), so a newer control plane adding
 * fields still verifies.
 */
export function verifyConfigResponse(text: string): ConfigResponse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigRejectedError('AYA_GW_CONFIG_JSON', 'config is not valid JSON');
  }
  const obj = raw as { hash?: unknown; snapshot?: unknown } | null;
  if (!obj || typeof obj !== 'object' || typeof obj.hash !== 'string' || !obj.snapshot || typeof obj.snapshot !== 'object') {
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', 'config has no hash or snapshot');
  }
  // sound: equal sha256 means these bytes are the canonical text the control plane hashed, and
  // they are exactly what JSON.parse read the snapshot from
  const sent = announcedSnapshotText(text);
  const fast = sent !== null && createHash('sha256').update(sent).digest('hex') === obj.hash;
  if (!fast) {
    const actual = canonicalHash(obj.snapshot);
    if (actual !== obj.hash) {
      throw new ConfigRejectedError('AYA_GW_CONFIG_HASH', `hash mismatch: announced ${obj.hash.slice(0, 12)}, computed ${actual.slice(0, 12)}`);
    }
  }
  // zod once, on the whole response: measured, memoising it per route (by each route's JSON) cost
  // as much as it saved at 10,000 routes
  const parsed = configResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `invalid config at ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
