import type { ErrorDetail } from '@aya/config-schema';

/** More would only make the error body large: the client fixes the first ones and sees the rest next time. */
export const MAX_TEXT_DETAILS = 20;

/** With the `u` flag a valid surrogate pair is one code point; only an unpaired half is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be stored, or undefined when it can. Postgres refuses NUL in `text` and `jsonb`, and a lone
 * UTF-16 surrogate has no UTF-8 form (`jsonb` refuses its escape, `text` would silently store U+FFFD instead).
 */
export function unstorableText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  return undefined;
}

/** A key shown in a detail path: escaped when it is itself unstorable, so the path stays readable. */
const segment = (key: string): string => (unstorableText(key) ? JSON.stringify(key).slice(1, -1) : key);

/** A place in the walked value: a link to its parent, so deep nesting costs no copied paths. */
interface Place {
  value: unknown;
  key?: string;
  parent?: Place;
}

function pathOf(place: Place): string {
  const keys: string[] = [];
  for (let p: Place | undefined = place; p?.key !== undefined; p = p.parent) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * Every string (object keys included) anywhere in a parsed JSON value, query or path parameter that Postgres cannot
 * store, as `{path, message}` like zod's details (`healthChecks.active.path`, `paths.0`; '' = the value itself).
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, rootKey?: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: Place[] = [{ value, key: rootKey }];
  while (stack.length > 0 && details.length < MAX_TEXT_DETAILS) {
    const place = stack.pop() as Place;
    const v = place.value;
    if (typeof v === 'string') {
      const problem = unstorableText(v);
      if (problem) details.push({ path: pathOf(place), message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: place });
    } else if (typeof v === 'object' && v !== null) {
      const children: Place[] = [];
      for (const [key, child] of Object.entries(v)) {
        const keyProblem = unstorableText(key);
        if (keyProblem) details.push({ path: pathOf({ value: child, key: segment(key), parent: place }), message: `field name ${keyProblem}` });
        else children.push({ value: child, key, parent: place });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return details.slice(0, MAX_TEXT_DETAILS);
}
