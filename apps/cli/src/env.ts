import path from 'node:path';
import { z } from 'zod';

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ message: `${name} must be a port number (1-65535)` })
    .int(`${name} must be a port number (1-65535)`)
    .min(1, `${name} must be a port number (1-65535)`)
    .max(65535, `${name} must be a port number (1-65535)`)
    .default(fallback);

const url = (name: string, protocols: string[]) =>
  z
    .string()
    .refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `${name} must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`);

const token = (name: string) => z.string().min(16, `${name} must be at least 16 characters`);

export const startEnvSchema = z.object({
  AYA_ROLE: z.enum(['all', 'control-plane', 'gateway'], { message: 'AYA_ROLE must be all, control-plane or gateway' }).default('all'),
  AYA_DATA_DIR: z.string().min(1).default('./.aya'),
  AYA_ADMIN_PORT: port('AYA_ADMIN_PORT', 8001),
  AYA_PROXY_PORT: port('AYA_PROXY_PORT', 8000),
  AYA_STATUS_PORT: port('AYA_STATUS_PORT', 8100),
  AYA_PG_PORT: port('AYA_PG_PORT', 54329),
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url('REDIS_URL', ['redis:', 'rediss:']).optional(),
  AYA_CONTROL_PLANE_URL: url('AYA_CONTROL_PLANE_URL', ['http:', 'https:']).optional(),
  AYA_CLUSTER_TOKEN: token('AYA_CLUSTER_TOKEN').optional(),
  AYA_ADMIN_TOKEN: token('AYA_ADMIN_TOKEN').optional(),
});

export type StartEnv = z.infer<typeof startEnvSchema> & { dataDir: string };

/** Validates the environment; on error prints one line per problem and exits 1 (no stack trace). */
export function loadStartEnv(env: NodeJS.ProcessEnv): StartEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = startEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) process.stderr.write(`aya: ${issue.message}\n`);
    process.exit(1);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.AYA_DATA_DIR) };
}
