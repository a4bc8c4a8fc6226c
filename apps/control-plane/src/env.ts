import path from 'node:path';
import { NODE_STALE_AFTER_MS } from '@aya/config-schema';
import { z } from 'zod';

/** Repo root, from the built file (apps/control-plane/dist/env.js) or the source (apps/control-plane/src/env.ts). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const secret = (name: string) => z.string().min(16, `${name} must be at least 16 characters`);

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required' })
    .min(1, 'DATABASE_URL is required')
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// or postgresql:// url'),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), 'REDIS_URL must be a redis:// or rediss:// url')
    .optional(),
  AYA_ADMIN_PORT: z.coerce.number().int().min(0).max(65535).default(8001),
  AYA_ADMIN_HOST: z.string().min(1).default('0.0.0.0'),
  AYA_CLUSTER_TOKEN: secret('AYA_CLUSTER_TOKEN'),
  AYA_ADMIN_TOKEN: secret('AYA_ADMIN_TOKEN').optional(),
  /** bearer token Prometheus scrapes GET /metrics with (grants nothing else) */
  AYA_METRICS_TOKEN: secret('AYA_METRICS_TOKEN').optional(),
  /** proxies whose X-Forwarded-For names the client (sign-in throttling per address): hop count or addresses/CIDRs */
  AYA_TRUST_PROXY: z
    .string()
    .regex(/^(\d+|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/, 'AYA_TRUST_PROXY must be a hop count or a comma-separated list of addresses/CIDRs')
    .optional(),
  /** encrypts certificate private keys at rest; needed only once a key is stored */
  AYA_SECRET_KEY: z.string().min(32, 'AYA_SECRET_KEY must be at least 32 characters').optional(),
  AYA_CONSOLE_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'apps', 'console', 'dist')),
  AYA_MIGRATIONS_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'prisma', 'migrations')),
  /** gateway nodes not heard from for this long are forgotten */
  AYA_NODE_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** a gateway node without a heartbeat for this long is `stale` on the nodes page (tests use a short one) */
  AYA_NODE_STALE_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(NODE_STALE_AFTER_MS),
  /** upstream target health history: one sample per interval, the last HEALTH_HISTORY_SAMPLES kept (tests use a short one) */
  AYA_HEALTH_SAMPLE_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  AYA_AUDIT_RETENTION_DAYS: z.coerce.number().positive().default(90),
  /** config revisions kept with what they changed: the history lists, diffs and rolls back to these (100 at least: gateway deltas) */
  AYA_CONFIG_HISTORY_REVISIONS: z.coerce.number().int().min(100).default(10_000),
  /** how often the maintenance job runs (tests use a short one) */
  AYA_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
});

export type AppEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Empty strings count as unset, so `FOO= node main.js` falls back to the default. */
export function loadEnv(raw: NodeJS.ProcessEnv = process.env): AppEnv {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && !(name in cleaned) ? `${name} is required` : issue.message;
    throw new EnvError(`invalid environment: ${message.startsWith(name) ? message : `${name}: ${message}`}`);
  }
  return {
    ...parsed.data,
    AYA_CONSOLE_DIR: path.resolve(parsed.data.AYA_CONSOLE_DIR),
    AYA_MIGRATIONS_DIR: path.resolve(parsed.data.AYA_MIGRATIONS_DIR),
  };
}
