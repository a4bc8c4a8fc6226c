import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults', () => {
    const env = loadEnv({ AYA_CLUSTER_TOKEN: 't' });
    expect(env).toMatchObject({ proxyPort: 8000, proxyHost: '0.0.0.0', statusPort: 8100, controlPlaneUrl: 'http://127.0.0.1:8001', dataDir: './.aya/gateway', reconcileIntervalMs: 5000 });
    expect(loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_DATA_DIR: '/d' }).dataDir).toBe('/d/gateway');
  });

  it('names the bad variable', () => {
    expect(() => loadEnv({})).toThrow(/AYA_CLUSTER_TOKEN: is required/);
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_STATUS_PORT: 'x' })).toThrow(EnvError);
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_STATUS_PORT: 'x' })).toThrow(/AYA_STATUS_PORT/);
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: 't', REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });
});
