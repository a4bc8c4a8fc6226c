/** Helpers over the flat [name, value, ...] header list res.writeHead takes (duplicates kept). */

export function headerIndex(list: readonly string[], lower: string): number {
  for (let i = 0; i < list.length; i += 2) if (list[i].length === lower.length && list[i].toLowerCase() === lower) return i;
  return -1;
}

/** Every value of a header joined with ", " ('' when absent). */
export function headerValue(list: readonly string[], lower: string): string {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (list[i].length === lower.length && list[i].toLowerCase() === lower) out = out ? `${out}, ${list[i + 1]}` : list[i + 1];
  }
  return out;
}

/** Each value of a header, one per line as sent (Set-Cookie lines stay apart). */
export function headerValues(list: readonly string[], lower: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i += 2) if (list[i].length === lower.length && list[i].toLowerCase() === lower) out.push(list[i + 1]);
  return out;
}

export function hasHeader(list: readonly string[], lower: string): boolean {
  return headerIndex(list, lower) >= 0;
}

export function removeHeader(list: string[], lower: string): void {
  for (let i = list.length - 2; i >= 0; i -= 2) if (list[i].toLowerCase() === lower) list.splice(i, 2);
}

/** One `name: value` instead of whatever lines the header had. */
export function setHeader(list: string[], lower: string, value: string): void {
  removeHeader(list, lower);
  list.push(lower, value);
}

/** The comma-list header (Vary) names `token` already, or is `*`. */
function listsToken(current: string, token: string): boolean {
  const tokens = current.split(',').map((t) => t.trim().toLowerCase());
  return tokens.includes('*') || tokens.includes(token.toLowerCase());
}

/** Adds `token` to a comma-list header (Vary) unless it is there already or the value is `*`: one merged line. */
export function appendToken(list: string[], name: string, token: string): void {
  const lower = name.toLowerCase();
  const current = headerValue(list, lower);
  if (listsToken(current, token)) return;
  removeHeader(list, lower);
  list.push(name, current ? `${current}, ${token}` : token);
}

/** Adds `token` to Vary unless Vary already names it (or is `*`): a line of its own, the upstream's lines kept as sent. */
export function addVary(list: string[], token: string): void {
  if (!listsToken(headerValue(list, 'vary'), token)) list.push('vary', token);
}

/**
 * Sees (and may edit) a response head the gateway writes itself (cache hit, redirect, fallback) right
 * before it is written: the route's plugins add their response headers and run their header phases.
 * It may throw (a plugin failed): nothing has been written then.
 */
export type HeadHook = (status: number, headers: string[]) => void;
