import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCa } from '../../testing/certs';
import { chainsTo, subjectCommonNames } from './chain';

const ca = createTestCa('Aya Client CA');
const other = createTestCa('Other CA');
afterAll(() => {
  ca.dispose();
  other.dispose();
});

describe('chainsTo', () => {
  const x = (pem: string) => new X509Certificate(pem);
  const leaf = x(ca.issue('alice', ['alice.test'], 'client').cert);
  const stranger = x(other.issue('alice', ['alice.test'], 'client').cert);

  it('accepts a leaf of a trusted CA, refuses one of another CA with the same subject', () => {
    expect(chainsTo(leaf, [], [x(ca.cert)])).toBe(true);
    expect(chainsTo(stranger, [], [x(ca.cert)])).toBe(false);
    expect(chainsTo(leaf, [], [])).toBe(false);
  });

  it('refuses outside the validity period (of the leaf)', () => {
    expect(chainsTo(leaf, [], [x(ca.cert)], Date.now() + 10 * 24 * 3600_000)).toBe(false);
  });

  it('a leaf is not a CA: a chain through a non-CA certificate is refused', () => {
    // the leaf sent as its own "intermediate" and trusted does not make other certificates of it trusted
    expect(chainsTo(stranger, [leaf], [leaf])).toBe(false);
  });

  it('reads the subject CN', () => {
    expect(subjectCommonNames(leaf)).toEqual(['alice']);
  });
});
