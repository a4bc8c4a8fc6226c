import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env';

const base = { DATABASE_URL: 'postgres://u:p@localhost/db', AYA_CLUSTER_TOKEN: 'c'.repeat(16) };

describe('loadEnv', () => {
  it('applies defaults', () => {
    const env = loadEnv(base);
    expect(env.AYA_ADMIN_PORT).toBe(8001);
    expect(env.AYA_ADMIN_HOST).toBe('0.0.0.0');
    expect(env.AYA_MIGRATIONS_DIR).toMatch(/prisma\/migrations$/);
  });

  it('names the missing or bad variable without echoing secrets', () => {
    expect(() => loadEnv({ AYA_CLUSTER_TOKEN: base.AYA_CLUSTER_TOKEN })).toThrow(/DATABASE_URL is required/);
    expect(() => loadEnv({ ...base, AYA_CLUSTER_TOKEN: 'short-secret' })).toThrow(EnvError);
    expect(() => loadEnv({ ...base, AYA_CLUSTER_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadEnv({ ...base, AYA_ADMIN_PORT: 'abc' })).toThrow(/AYA_ADMIN_PORT/);
  });
});

describe('AYA_SECRET_KEY', () => {
  it('is optional, and when set at least 32 characters, never echoed', () => {
    expect(loadEnv(base).AYA_SECRET_KEY).toBeUndefined();
    expect(loadEnv({ ...base, AYA_SECRET_KEY: 's'.repeat(32) }).AYA_SECRET_KEY).toBe('s'.repeat(32));
    expect(() => loadEnv({ ...base, AYA_SECRET_KEY: 'too-short-secret' })).toThrow(/AYA_SECRET_KEY must be at least 32 characters/);
    expect(() => loadEnv({ ...base, AYA_SECRET_KEY: 'too-short-secret' })).not.toThrow(/too-short-secret/);
  });
});
