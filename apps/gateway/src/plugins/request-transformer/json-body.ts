import type { FieldStore } from './edits';

/**
 * JSON bodies for the policy plugins (request/response transformer, request-validator): which content
 * types are JSON, parsing that never throws, and a field store over a JSON object.
 */

/** The media type of a Content-Type, lowercase, without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** application/json and the structured-syntax `+json` types (application/problem+json...). */
export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function parseJson(body: Buffer): JsonParse {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A config value: JSON text (`42`, `true`, `{"a":1}`, `"x"`), else the text itself as a string. */
export function jsonConfigValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Top-level fields of a parsed JSON object. Fields are defined, never assigned, so a `__proto__` field is
 * an ordinary key (as JSON.parse makes it) and cannot reach the object's prototype.
 */
export function jsonFieldStore(obj: Record<string, unknown>): FieldStore<unknown> {
  const define = (name: string, value: unknown): void => {
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  };
  return {
    has: (name) => Object.hasOwn(obj, name),
    set: define,
    delete: (name) => {
      delete obj[name];
    },
    rename(from, to) {
      const value = obj[from];
      delete obj[from];
      define(to, value);
    },
    append(name, value) {
      if (!Object.hasOwn(obj, name)) define(name, [value]);
      else {
        const current = obj[name];
        define(name, Array.isArray(current) ? [...current, value] : [current, value]);
      }
    },
  };
}

/** The JSON text of `value`, or undefined when it cannot be written (nesting too deep for the stack). */
export function stringifyJson(value: unknown): Buffer | undefined {
  try {
    return Buffer.from(JSON.stringify(value));
  } catch {
    return undefined;
  }
}
