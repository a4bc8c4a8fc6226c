import type { CompressionAlgorithm } from '@aya/config-schema';

/** Parses `Accept-Encoding` (RFC 9110 12.5.3) into coding -> q; a malformed q counts as 0 (not acceptable). */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const semi = part.indexOf(';');
    const coding = (semi < 0 ? part : part.slice(0, semi)).trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    if (semi >= 0) {
      const m = /(?:^|;)\s*q\s*=\s*([^\s;]*)/i.exec(part.slice(semi));
      if (m) {
        q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(m[1]) ? Number(m[1]) : 0;
      }
    }
    // x-gzip is the historical alias browsers no longer send but some clients still do
    out.set(coding === 'x-gzip' ? 'gzip' : coding, q);
  }
  return out;
}

/**
 * The coding to send, or null for identity. Highest q wins; ties go to the route's order (its
 * first algorithm is its preference). A coding is chosen only when its q is at least that of
 * identity as the client listed it (`identity` or `*`), so `gzip;q=0.5, identity` gets the body
 * as it is while `br;q=0.5, gzip;q=0.8` gets gzip. No header: identity (RFC allows any coding,
 * but clients that omit it are mostly tools that would not decode one).
 */
export function negotiateEncoding(header: string | undefined, offered: readonly CompressionAlgorithm[]): CompressionAlgorithm | null {
  if (!header) return null;
  const q = parseAcceptEncoding(header);
  const star = q.get('*');
  let best: CompressionAlgorithm | null = null;
  let bestQ = 0;
  for (const alg of offered) {
    const v = q.get(alg) ?? star ?? 0;
    if (v > bestQ) {
      best = alg;
      bestQ = v;
    }
  }
  if (best === null) return null;
  // unlisted identity never beats a coding the client listed; a listed one competes on its q
  const identityQ = q.get('identity') ?? star ?? 0;
  return bestQ >= identityQ ? best : null;
}
