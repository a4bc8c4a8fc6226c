import type { X509Certificate } from 'node:crypto';

/** Deeper chains than this are refused (leaf + intermediates). */
const MAX_DEPTH = 6;

function validAt(c: X509Certificate, nowMs: number): boolean {
  return Date.parse(c.validFrom) <= nowMs && nowMs <= Date.parse(c.validTo);
}

/** `child` names `parent` as its issuer and carries its signature. */
function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

/**
 * Whether `leaf` chains to one of `trusted` through the `intermediates` the client sent, every link in
 * its validity period and every issuer a CA. The listener does not verify (rejectUnauthorized is off so
 * routes without mtls-auth are unaffected): this is the check.
 */
export function chainsTo(leaf: X509Certificate, intermediates: readonly X509Certificate[], trusted: readonly X509Certificate[], nowMs = Date.now()): boolean {
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(current, nowMs)) return false;
    for (const ca of trusted) if (ca.ca && validAt(ca, nowMs) && issuedBy(current, ca)) return true;
    const next = intermediates.find((i) => i !== current && i.ca && issuedBy(current, i));
    if (next === undefined) return false;
    current = next;
  }
  return false;
}

/** The subject CN(s) of a certificate (`X509Certificate.subject` is one `key=value` per line). */
export function subjectCommonNames(c: X509Certificate): string[] {
  return c.subject
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => line.slice(3));
}
