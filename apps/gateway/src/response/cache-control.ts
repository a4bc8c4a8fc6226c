/** Cache-Control directives, lower-cased names; value '' for directives without one. */
export type Directives = Map<string, string>;

export function parseCacheControl(header: string | readonly string[] | undefined): Directives {
  const out: Directives = new Map();
  if (header === undefined) return out;
  const text = typeof header === 'string' ? header : header.join(',');
  // quoted values may hold commas (`no-cache="set-cookie, x-a"`): split outside quotes only
  const re = /\s*([^\s=,]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^,]*))?\s*(?:,|$)/g;
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) {
    const raw = m[2]?.trim() ?? '';
    out.set(m[1].toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1) : raw);
  }
  return out;
}

/** A delta-seconds value; anything else (missing, negative, garbage) is undefined. */
export function deltaSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

export interface StorableInput {
  status: number;
  /** response Cache-Control */
  directives: Directives;
  hasSetCookie: boolean;
  /** upstream Vary value ('' when absent) */
  vary: string;
  /** upstream Age in seconds (0 when absent or invalid) */
  age: number;
  /** the request carried Authorization */
  authorized: boolean;
  routeTtlSeconds: number;
  /** the Expires header ('' when absent): used without max-age / s-maxage (RFC 9111 4.2.1) */
  expires?: string;
  /** the Date header ('' when absent): Expires counts from it, else from now */
  date?: string;
  /** ms since the epoch, for Expires without Date */
  nowMs?: number;
}

/** Statuses stored: the heuristically cacheable ones (RFC 9110 15.1) that make sense for a TTL cache. */
const STORABLE_STATUSES: ReadonlySet<number> = new Set([200, 203, 301, 308, 404, 410]);

/**
 * Seconds the response may be served from the cache, or 0 when it must not be stored. A shared
 * cache: `private`, `no-store`, `no-cache` (we never revalidate), Set-Cookie and `Vary: *` are
 * never stored; s-maxage, then max-age, can only shorten the route's TTL; the upstream's Age is
 * already spent; an authorized request's answer needs `public` or `s-maxage` (RFC 9111 3.5).
 */
export function storableTtl(input: StorableInput): number {
  const d = input.directives;
  if (!STORABLE_STATUSES.has(input.status)) return 0;
  if (d.has('no-store') || d.has('private') || d.has('no-cache')) return 0;
  if (input.hasSetCookie || input.vary.split(',').some((v) => v.trim() === '*')) return 0;
  const sMaxAge = deltaSeconds(d.get('s-maxage'));
  if (input.authorized && !d.has('public') && sMaxAge === undefined) return 0;
  const lifetime = sMaxAge ?? deltaSeconds(d.get('max-age')) ?? expiresLifetime(input) ?? input.routeTtlSeconds;
  return Math.max(0, Math.min(input.routeTtlSeconds, lifetime) - input.age);
}

/** Expires - Date in whole seconds; an invalid Expires (RFC: "0" included) means already expired. */
function expiresLifetime(input: StorableInput): number | undefined {
  if (input.expires === undefined || input.expires === '') return undefined;
  const expires = Date.parse(input.expires);
  if (!Number.isFinite(expires)) return 0;
  const date = input.date ? Date.parse(input.date) : Number.NaN;
  const base = Number.isFinite(date) ? date : (input.nowMs ?? Date.now());
  return Math.max(0, Math.floor((expires - base) / 1000));
}
