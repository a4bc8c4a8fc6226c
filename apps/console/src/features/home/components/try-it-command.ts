/** What the guide's last step needs of a route to print a request that it matches. */
export interface TryItRoute {
  paths: string[];
  hosts: string[];
  methods: string[];
}

/**
 * A concrete request path for a route path: a prefix or exact path as written (`=/x` -> `/x`), a `:name` segment
 * filled with `1`; null for a regular expression (`~...`), which has no one obvious match.
 */
export function samplePath(path: string): string | null {
  if (path.startsWith('~')) return null;
  const plain = path.startsWith('=') ? path.slice(1) : path;
  return plain.replace(/(^|\/):[^/]+/g, '$11');
}

/** Single quotes for a POSIX shell (a `'` inside becomes `'\''`). */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `curl -i <proxy><path>` for a route, with `-X` when it does not answer GET and `-H 'Host: …'` when it is bound to
 * hosts (a wildcard host gets a name under it). null when every path is a regular expression.
 */
export function tryItCommand(proxyUrl: string, route: TryItRoute): string | null {
  const path = route.paths.map(samplePath).find((p): p is string => p !== null);
  if (path === undefined) return null;
  const parts = ['curl', '-i'];
  if (route.methods.length > 0 && !route.methods.includes('GET')) parts.push('-X', route.methods[0]);
  const host = route.hosts[0];
  if (host) parts.push('-H', quote(`Host: ${host.replace(/^\*\./, 'demo.')}`));
  parts.push(quote(`${proxyUrl.replace(/\/+$/, '')}${path}`));
  return parts.join(' ');
}
