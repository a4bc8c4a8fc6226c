import { z } from 'zod';

const envSchema = z.object({
  /** Origin of the control plane, e.g. `https://cp.example.com`. Empty: same origin (the control plane serves the console). */
  VITE_API_BASE: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ })])
    .optional()
    .transform((v) => (v ?? '').replace(/\/+$/, '')),
});

export type Env = z.output<typeof envSchema>;

/** Validates the build-time env once at start-up so a bad value fails loudly instead of as odd 404s. */
export function parseEnv(raw: Record<string, unknown>): Env {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid console environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(import.meta.env);
