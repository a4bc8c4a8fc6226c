import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { CompressionAlgorithm } from '@aya/config-schema';
import { parseCacheControl } from './cache-control';
import { headerValue, removeHeader } from './header-list';
import type { CompressionPolicy } from './policy';

/**
 * Whether this response is one the route compresses (for clients that accept it): not for HEAD,
 * bodiless or partial statuses, bodies the upstream already encoded, `no-transform`, types not
 * listed, or a declared length under minBytes (an unknown length is compressed: it is usually a
 * stream worth it). Decided on the upstream's headers only; no body is buffered.
 */
export function isCompressible(policy: CompressionPolicy, method: string, status: number, headers: readonly string[]): boolean {
  if (method === 'HEAD' || status < 200 || status === 204 || status === 206 || status === 304) return false;
  const encoding = headerValue(headers, 'content-encoding').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') return false;
  if (parseCacheControl(headerValue(headers, 'cache-control')).has('no-transform')) return false;
  const type = headerValue(headers, 'content-type');
  if (type === '' || !policy.matches(type)) return false;
  const length = headerValue(headers, 'content-length');
  return length === '' || !(Number(length) < policy.minBytes);
}

/** The body changes: its length is unknown now, and a strong ETag would claim byte equality it no longer has. */
export function applyCompressionHeaders(headers: string[], encoding: CompressionAlgorithm): void {
  removeHeader(headers, 'content-length');
  removeHeader(headers, 'content-encoding');
  headers.push('content-encoding', encoding);
  const etag = headerValue(headers, 'etag');
  if (etag.startsWith('"')) {
    removeHeader(headers, 'etag');
    headers.push('etag', `W/${etag}`);
  }
}

/**
 * Streaming compressors tuned for latency: brotli quality 4 and gzip level 5 cost a fraction of
 * the CPU of the defaults (11 and 6) for a few percent of size. Every write is flushed
 * (Z_SYNC_FLUSH / BROTLI_OPERATION_FLUSH) so each upstream chunk reaches the client at once and
 * SSE-like streams are never held back waiting for a full compression block.
 */
export function createCompressor(encoding: CompressionAlgorithm, sizeHint: number | undefined): Transform {
  if (encoding === 'gzip') return createGzip({ level: 5, flush: constants.Z_SYNC_FLUSH });
  const params: Record<number, number> = {
    [constants.BROTLI_PARAM_QUALITY]: 4,
    // a 512 KiB window (nginx's default) instead of 4 MiB: memory per stream matters under load
    [constants.BROTLI_PARAM_LGWIN]: 19,
  };
  if (sizeHint !== undefined && sizeHint > 0) params[constants.BROTLI_PARAM_SIZE_HINT] = sizeHint;
  return createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params });
}
