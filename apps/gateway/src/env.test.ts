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

describe('loadEnv limits and workers', () => {
  it('defaults to 10 MiB bodies, 16 KiB / 100 headers and one worker per core', () => {
    const env = loadEnv({ AYA_CLUSTER_TOKEN: 't' });
    expect(env.limits).toMatchObject({ maxBodyBytes: 10 * 1024 * 1024, maxHeaderBytes: 16 * 1024, maxHeaderCount: 100 });
    expect(env.workers).toBeGreaterThanOrEqual(1);
    expect(loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_GATEWAY_WORKERS: '1' }).workers).toBe(1);
  });

  it('reads overrides and names bad ones', () => {
    const env = loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_MAX_BODY_BYTES: '1024', AYA_HEADERS_TIMEOUT_MS: '500' });
    expect(env.limits.maxBodyBytes).toBe(1024);
    expect(env.limits.headersTimeoutMs).toBe(500);
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_MAX_HEADER_BYTES: '10' })).toThrow(/AYA_MAX_HEADER_BYTES/);
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: 't', AYA_GATEWAY_WORKERS: '-1' })).toThrow(/AYA_GATEWAY_WORKERS/);
  });
});
