import { configDeltaSchema, configResponseSchema, type Snapshot } from '@aya/config-schema';
import { ConfigRejectedError, ConfigState } from './config-state';

export { ConfigRejectedError } from './config-state';

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigRejectedError('AYA_GW_CONFIG_JSON', `${what} is not valid JSON`);
  }
}

/**
 * A whole ConfigResponse text -> the checked state. The hash is over the items as sent (before zod
 * strips unknown keys), so a newer control plane adding fields still verifies.
 */
export function verifyConfigResponse(text: string): ConfigState {
  const raw = parseJson(text, 'config') as { hash?: unknown; snapshot?: unknown } | null;
  if (!raw || typeof raw !== 'object' || typeof raw.hash !== 'string' || !raw.snapshot || typeof raw.snapshot !== 'object') {
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', 'config has no hash or snapshot');
  }
  // zod once, on the whole response (measured: memoising it per route cost as much as it saved)
  const parsed = configResponseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `invalid config at ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return ConfigState.fromSnapshot(parsed.data.revision, parsed.data.hash, raw.snapshot as Snapshot, parsed.data.snapshot);
}

/** A ConfigDelta text applied to `state` -> the next state (checked item by item, then against the hash). */
export function applyDeltaText(state: ConfigState, text: string): ConfigState {
  const parsed = configDeltaSchema.safeParse(parseJson(text, 'config delta'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `invalid config delta at ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return state.applyDelta(parsed.data);
}
