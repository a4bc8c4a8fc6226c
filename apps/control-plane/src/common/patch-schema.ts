import { z } from 'zod';

/** Request schemas derived here (not exported by the contract) and the name OpenAPI gives them. */
export const DERIVED_SCHEMA_NAMES = new WeakMap<z.ZodType, string>();

/**
 * The contract's update schema with every optional (non-core) field also accepting `null`: on PATCH, null
 * clears a stored option back to its default. Core fields keep the contract's rules.
 */
export function patchSchema<S extends z.ZodObject>(update: S, coreKeys: readonly string[], name: string): z.ZodObject {
  const core = new Set(coreKeys);
  const nullable = Object.fromEntries(
    Object.entries(update.shape as Record<string, z.ZodType>)
      .filter(([key, field]) => !core.has(key) && !field.safeParse(null).success)
      .map(([key, field]) => [key, field.nullable()]),
  );
  const schema = update.extend(nullable);
  DERIVED_SCHEMA_NAMES.set(schema, name);
  return schema;
}
