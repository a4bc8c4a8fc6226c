/**
 * Edits of a response head as the plugin `header` phase gets it: a flat `[name, value, name, value...]`
 * list, names in whatever case the upstream sent. Names given here are lowercase.
 */

export function headerValues(list: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < list.length; i += 2) if ((list[i] as string).toLowerCase() === name) out.push(list[i + 1] as string);
  return out;
}

export function hasHeader(list: readonly string[], name: string): boolean {
  for (let i = 0; i + 1 < list.length; i += 2) if ((list[i] as string).toLowerCase() === name) return true;
  return false;
}

/** Every `name` entry out, in place. */
export function removeHeader(list: string[], name: string): void {
  for (let i = list.length - 2; i >= 0; i -= 2) if ((list[i] as string).toLowerCase() === name) list.splice(i, 2);
}

/** One `name: value` instead of whatever was there. */
export function setHeader(list: string[], name: string, value: string): void {
  removeHeader(list, name);
  list.push(name, value);
}

/** Adds `token` to Vary unless Vary already names it (or is `*`). */
export function addVary(list: string[], token: string): void {
  const lower = token.toLowerCase();
  for (const v of headerValues(list, 'vary')) {
    for (const t of v.split(',')) {
      const name = t.trim().toLowerCase();
      if (name === lower || name === '*') return;
    }
  }
  list.push('vary', token);
}
