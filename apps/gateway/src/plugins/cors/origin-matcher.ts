/**
 * CORS origin patterns compiled once per config: `*` (any origin), an exact origin (compared
 * case-insensitively), `https://*.example.com` (one or more subdomain labels, never the bare domain) and
 * `~regex` (case-insensitive, anchored to the whole origin so `~example\.com` cannot match
 * `https://example.com.evil.net`).
 */
export interface OriginMatcher {
  /** every origin is allowed (`*` among the patterns) */
  readonly any: boolean;
  matches(origin: string): boolean;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileOrigins(patterns: readonly string[]): OriginMatcher {
  const exact = new Set<string>();
  const regexes: RegExp[] = [];
  let any = false;
  for (const p of patterns) {
    if (p === '*') any = true;
    else if (p.startsWith('~')) regexes.push(new RegExp(`^(?:${p.slice(1)})$`, 'i'));
    else if (p.includes('://*.')) {
      const [scheme, rest] = p.split('://*.') as [string, string];
      regexes.push(new RegExp(`^${escapeRegex(scheme)}://[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.${escapeRegex(rest)}$`, 'i'));
    } else exact.add(p.toLowerCase());
  }
  return {
    any,
    matches(origin) {
      if (any) return true;
      if (exact.has(origin.toLowerCase())) return true;
      for (const re of regexes) if (re.test(origin)) return true;
      return false;
    },
  };
}
