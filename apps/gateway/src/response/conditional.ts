/**
 * Conditional GET/HEAD against a stored response (RFC 9110 13.1.2, 13.1.3): If-None-Match with
 * weak comparison, or, only when it is absent, If-Modified-Since against Last-Modified. A
 * matching request is answered 304 from the cache, as nginx and Varnish do.
 */

/** The entity tags of an If-None-Match value; `*` matches any. Quoted strings may hold commas. */
function entityTags(value: string): string[] {
  const tags: string[] = [];
  const re = /\s*((?:W\/)?"[^"]*"|\*)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null && m[0] !== '') tags.push(m[1]);
  return tags;
}

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

export interface Validators {
  etag: string;
  lastModified: string;
}

export interface Conditions {
  ifNoneMatch: string;
  ifModifiedSince: string;
}

/** true: the client's copy is current, answer 304 */
export function notModified(stored: Validators, request: Conditions): boolean {
  if (request.ifNoneMatch !== '') {
    if (stored.etag === '') return false;
    return entityTags(request.ifNoneMatch).some((t) => t === '*' || opaque(t) === opaque(stored.etag));
  }
  if (request.ifModifiedSince === '' || stored.lastModified === '') return false;
  const since = Date.parse(request.ifModifiedSince);
  const modified = Date.parse(stored.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/** Headers a 304 carries from the stored response (RFC 9110 15.4.5); the rest describe a body it has not got. */
export const NOT_MODIFIED_HEADERS: ReadonlySet<string> = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary', 'last-modified']);
