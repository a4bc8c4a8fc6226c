import { regexProblem } from '@aya/config-schema';

/** A route path, classified once at compile time. */
export type PathPattern =
  | { kind: 'prefix'; path: string }
  | { kind: 'exact'; path: string }
  | ({ kind: 'params-prefix' } & ParamShape)
  | ({ kind: 'params-exact' } & ParamShape)
  | { kind: 'regex'; regex: RegExp; literal: string };

interface ParamShape {
  segments: readonly Segment[];
  trailingSlash: boolean;
  staticChars: number;
}

/** a literal segment, or `{ param }` for `:name` */
export type Segment = string | { param: string };

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * `=/x` exact, `~re` regex, otherwise a prefix; prefix and exact paths with a `:name` segment
 * become param patterns. Returns a reason string for a path the gateway cannot use (snapshots are
 * validated loosely, so a bad regex is skipped with a warning rather than failing the revision).
 */
export function parsePathPattern(raw: string): PathPattern | string {
  if (raw.startsWith('~')) {
    const problem = regexProblem(raw.slice(1));
    if (problem) return problem;
    // anchored at the start; a non-capturing wrapper keeps the author's group numbers
    return { kind: 'regex', regex: new RegExp(`^(?:${raw.slice(1)})`), literal: literalPrefix(raw.slice(1)) };
  }
  const exact = raw.startsWith('=');
  const path = exact ? raw.slice(1) : raw;
  if (!path.startsWith('/')) return 'must start with "/"';
  const plain: PathPattern = exact ? { kind: 'exact', path } : { kind: 'prefix', path };
  if (!path.includes('/:')) return plain;
  const trailingSlash = path.length > 1 && path.endsWith('/');
  const body = trailingSlash ? path.slice(1, -1) : path.slice(1);
  let staticChars = path.length;
  const segments: Segment[] = body.split('/').map((s) => {
    const m = PARAM.exec(s);
    if (!m) return s;
    staticChars -= s.length;
    return { param: m[1] };
  });
  if (!segments.some((s) => typeof s !== 'string')) return plain;
  const shape: ParamShape = { segments, trailingSlash, staticChars };
  return exact ? { kind: 'params-exact', ...shape } : { kind: 'params-prefix', ...shape };
}

/**
 * The literal text every match of an anchored regex starts with (`^/users/(\d+)` -> `/users/`),
 * so a lookup skips most regexes with a startsWith instead of running them. '' when unsure.
 */
export function literalPrefix(source: string): string {
  if (source.includes('|')) return '';
  let out = '';
  let i = source.startsWith('^') ? 1 : 0;
  for (; i < source.length; i++) {
    let ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!/^[^A-Za-z0-9]$/.test(next)) break;
      ch = next;
      i++;
    } else if ('^$.|?*+()[]{}'.includes(ch)) {
      // a quantifier makes the previous character optional or repeated: not part of the literal
      if ('?*{'.includes(ch)) out = out.slice(0, -1);
      break;
    }
    out += ch;
  }
  return out;
}
