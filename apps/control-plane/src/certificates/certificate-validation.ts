import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import type { ErrorDetail } from '@aya/config-schema';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * What the contract's regexes cannot tell: every certificate of the chain parses, the key parses (and is not
 * passphrase-protected: the gateway could not use it), and the key belongs to the leaf certificate.
 * Messages never quote the PEM text.
 */
export function certificateProblems(cert: string, key: string | undefined): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const blocks = cert.match(PEM_BLOCK) ?? [];
  let leaf: X509Certificate | undefined;
  blocks.forEach((block, i) => {
    try {
      const parsed = new X509Certificate(block);
      leaf ??= parsed;
    } catch {
      details.push({ path: 'cert', message: `certificate ${i + 1} of the chain does not parse` });
    }
  });
  if (blocks.length === 0) details.push({ path: 'cert', message: 'no PEM certificate found' });
  if (key === undefined) return details;
  let keyObject: KeyObject | undefined;
  try {
    keyObject = createPrivateKey({ key, format: 'pem' });
  } catch {
    details.push({ path: 'key', message: 'private key does not parse (passphrase-protected keys are not supported)' });
  }
  if (leaf && keyObject && !leaf.checkPrivateKey(keyObject)) {
    details.push({ path: 'key', message: 'private key does not match the certificate' });
  }
  return details;
}
