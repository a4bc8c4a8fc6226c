/**
 * The `ETag` each read answered with, kept beside the record it describes (a WeakMap: no copy of the record, gone
 * with it), so a later write of that record can send `If-Match` and be refused (412) when someone else changed it
 * in between (optimistic concurrency, see the control plane README).
 */
const etags = new WeakMap<object, string>();

export function rememberEtag(body: unknown, etag: string | null): void {
  if (etag && typeof body === 'object' && body !== null) etags.set(body, etag);
}

/** The ETag the record was read with; undefined when unknown (then the write goes ahead unconditionally). */
export function etagOf(record: object): string | undefined {
  return etags.get(record);
}
