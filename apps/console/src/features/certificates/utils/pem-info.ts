/**
 * Reads what the list shows (validity, subject CN) from the leaf of a PEM chain, in the browser,
 * without a crypto library: a few DER steps into the X.509 TBSCertificate.
 */

export interface CertificateInfo {
  notBefore: Date;
  notAfter: Date;
  commonName: string | null;
}

interface Tlv {
  tag: number;
  /** start of the value */
  start: number;
  end: number;
}

function readTlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at];
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  if (tag === undefined || start + len > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const t = readTlv(der, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

const text = (der: Uint8Array, t: Tlv) => new TextDecoder().decode(der.subarray(t.start, t.end));

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
function readTime(der: Uint8Array, t: Tlv): Date {
  const s = text(der, t);
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
  if (!m) throw new Error(`unsupported time ${s}`);
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

const CN_OID = [0x55, 0x04, 0x03];

function commonName(der: Uint8Array, subject: Tlv): string | null {
  for (const rdn of children(der, subject)) {
    for (const atv of children(der, rdn)) {
      const [oid, value] = children(der, atv);
      if (oid && value && oid.end - oid.start === 3 && CN_OID.every((b, i) => der[oid.start + i] === b)) return text(der, value);
    }
  }
  return null;
}

function pemToDer(pem: string): Uint8Array | null {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) return null;
  const bin = atob(m[1].replace(/\s+/g, ''));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Null when the PEM cannot be read: the list then falls back to what the API says. */
export function certificateInfo(pem: string): CertificateInfo | null {
  try {
    const der = pemToDer(pem);
    if (!der) return null;
    const cert = readTlv(der, 0);
    const tbs = children(der, cert)[0];
    let fields = children(der, tbs);
    if (fields[0]?.tag === 0xa0) fields = fields.slice(1); // explicit version
    const [, , , validity, subject] = fields;
    const [nb, na] = children(der, validity);
    return { notBefore: readTime(der, nb), notAfter: readTime(der, na), commonName: subject ? commonName(der, subject) : null };
  } catch {
    return null;
  }
}

export type ExpiryTone = 'success' | 'warning' | 'danger';

/** Expired: danger; under 30 days left: warning. */
export function expiryTone(notAfter: Date, now: number): ExpiryTone {
  const days = (notAfter.getTime() - now) / 86_400_000;
  return days < 0 ? 'danger' : days < 30 ? 'warning' : 'success';
}
