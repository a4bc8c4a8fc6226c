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
