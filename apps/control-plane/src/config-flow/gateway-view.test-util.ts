import { configDeltaSchema, configResponseSchema, type ConfigChange, type Snapshot } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { expect } from 'vitest';
import type { ControlPlane, apiClient } from '../../../../test/harness';

/** What a gateway sees of a control plane (the internal endpoints), for tests that follow writes into the config. */
export function gatewayView(cp: ControlPlane, api: ReturnType<typeof apiClient>) {
  const internal = async (path: string): Promise<unknown> => {
    const res = await fetch(`${cp.url}${path}`, { headers: { authorization: `Bearer ${cp.clusterToken}` } });
    return JSON.parse(await res.text()) as unknown;
  };
  return {
    revision: async (): Promise<number> => ((await api('GET', '/api/v1/config/revision')).body as { revision: number }).revision,
    /** the merged changes since `after` (a revision's delta when `after` is the one before) */
    changesAfter: async (after: number): Promise<ConfigChange[]> => configDeltaSchema.parse(await internal(`/internal/v1/config/changes?after=${after}`)).changes,
    /** the whole snapshot, its hash checked over the items as sent */
    pull: async (): Promise<Snapshot> => {
      const cfg = configResponseSchema.parse(await internal('/internal/v1/config'));
      expect(snapshotHash(cfg.snapshot)).toBe(cfg.hash);
      return cfg.snapshot;
    },
  };
}
