import type { Prisma } from '../generated/prisma/client';

/**
 * The contract keeps growing optional fields (timeouts, health checks, traffic rules...). Rather than a column
 * and a migration each, a resource stores its core fields in columns and everything else the zod schema parsed
 * in one `options` JSON column. Only validated input ever gets here, so reading it back needs no re-validation.
 */
export type Options = Record<string, Prisma.InputJsonValue>;

/** The stored options of a row (anything but a JSON object reads as none). */
export function readOptions(raw: unknown): Options {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Options) } : {};
}

/**
 * The parsed input minus the core keys. `null` and `undefined` are dropped: absent and null mean the same
 * thing for every optional field (the default), and an absent key keeps snapshot hashes unchanged.
 */
export function optionsOf(input: object, coreKeys: readonly string[]): Options {
  const core = new Set(coreKeys);
  const out: Options = {};
  for (const [key, value] of Object.entries(input)) {
    if (core.has(key) || value === undefined || value === null) continue;
    out[key] = JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
  }
  return out;
}

/** PATCH: given fields replace the stored ones, `null` clears one, omitted ones stay. */
export function mergeOptions(stored: Options, input: object, coreKeys: readonly string[]): Options {
  const core = new Set(coreKeys);
  const out: Options = { ...stored };
  for (const [key, value] of Object.entries(input)) {
    if (core.has(key) || value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
  }
  return out;
}

/** Copies the options whose keys `allowed` declares (e.g. a snapshot schema's shape), leaving out the others. */
export function pickOptions(stored: Options, allowed: Record<string, unknown>, exclude: readonly string[] = []): Record<string, unknown> {
  const skip = new Set(exclude);
  return Object.fromEntries(Object.entries(stored).filter(([k, v]) => k in allowed && !skip.has(k) && v !== null));
}
