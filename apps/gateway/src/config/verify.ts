import { configResponseSchema, type ConfigResponse, type Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';

export class ConfigRejectedError extends Error {
  constructor(
    readonly code: 'AYA_GW_CONFIG_JSON' | 'AYA_GW_CONFIG_HASH' | 'AYA_GW_CONFIG_SCHEMA' | 'AYA_GW_CONFIG_COMPILE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses a ConfigResponse text. The hash is checked on the snapshot exactly as sent (before zod
 * strips unknown keys), so a newer control plane adding fields still verifies.
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
  const actual = snapshotHash(obj.snapshot as Snapshot);
  if (actual !== obj.hash) {
    throw new ConfigRejectedError('AYA_GW_CONFIG_HASH', `hash mismatch: announced ${obj.hash.slice(0, 12)}, computed ${actual.slice(0, 12)}`);
  }
  const parsed = configResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `invalid config at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
