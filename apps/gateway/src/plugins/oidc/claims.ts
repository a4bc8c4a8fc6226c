import type { JWTPayload } from 'jose';

/** Scopes granted by an access token: `scope` (space-separated, RFC 9068) and/or `scp` (string or array). */
export function grantedScopes(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') for (const s of v.split(' ')) if (s !== '') scopes.add(s);
    if (Array.isArray(v)) for (const s of v) if (typeof s === 'string') scopes.add(s);
  };
  add(payload.scope);
  add(payload.scp);
  return scopes;
}

/** A claim as a list of strings (a string is one entry, an array keeps its strings); anything else: none. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** A claim naming a consumer: a string, or a number as its decimal text. */
export function claimText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
