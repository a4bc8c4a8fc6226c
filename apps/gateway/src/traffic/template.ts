/**
 * `$1` / `$name` / `${name}` templates for rewrites and redirect locations, split into parts once
 * at compile time so expanding one is a join, not a parse. `$$` is a literal `$`; an unknown
 * reference expands to ''.
 */
export type Template = readonly (string | { ref: string })[];

const REF = /\$(?:\$|(\d+)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function compileTemplate(source: string): Template {
  const parts: (string | { ref: string })[] = [];
  let last = 0;
  for (const m of source.matchAll(REF)) {
    const text = source.slice(last, m.index) + (m[0] === '$$' ? '$' : '');
    if (text) parts.push(text);
    const ref = m[1] ?? m[2] ?? m[3];
    if (ref !== undefined) parts.push({ ref });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  return parts;
}

export function expandTemplate(t: Template, lookup: (ref: string) => string | undefined): string {
  let out = '';
  for (const p of t) out += typeof p === 'string' ? p : (lookup(p.ref) ?? '');
  return out;
}

/** Captures of a RegExp match: numbered, then named. */
export function captureOf(m: RegExpExecArray, ref: string): string | undefined {
  const c = ref.charCodeAt(0);
  return c >= 48 && c <= 57 ? m[Number(ref)] : m.groups?.[ref];
}
