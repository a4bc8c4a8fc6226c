import type { ErrorDetail } from '@aya/config-schema';
import type { ZodType } from 'zod';

export interface JsonFieldResult {
  /** the parsed JSON when it is valid (blank: undefined, i.e. the field is left out) */
  value: unknown;
  /** problems at API-style paths under `path`, like the server would report them */
  errors: ErrorDetail[];
}

/**
 * A JSON text field checked with the contract's schema for that field. The value sent is the
 * parsed JSON as typed (not the schema's output), so the server applies its own normalisation.
 */
export function parseJsonField(raw: string, schema: ZodType, path: string): JsonFieldResult {
  if (raw.trim() === '') return { value: undefined, errors: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'syntax error';
    return { value: undefined, errors: [{ path, message: `not valid JSON: ${reason}` }] };
  }
  const checked = schema.safeParse(parsed);
  if (checked.success) return { value: parsed, errors: [] };
  return {
    value: undefined,
    errors: checked.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: i.message })),
  };
}

/** Pretty JSON for the textarea; absent values stay blank. */
export function jsonText(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value, null, 2);
}
