import { describe, expect, it } from 'vitest';
import { certificateInfo, expiryTone } from './pem-info';

// openssl req -x509 -newkey ec -days 30 -subj "/CN=api.example.com" (notAfter=Dec 25 01:49:45 2026 GMT)
const PEM = `-----BEGIN CERTIFICATE-----
MIIBtTCCAVqgAwIBAgIURqpzo+sDP6Ls6NCSwg4Kus98ZiAwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPYXBpLmV4YW1wbGUuY29tMB4XDTI2MTEyNTAxNDk0NVoXDTI2
MTIyNTAxNDk0NVowGjEYMBYGA1UEAwwPYXBpLmV4YW1wbGUuY29tMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEb1YQKdZ205SEIGJ7llsZl+uDRwtJsMvYnCIJ/174
/EWm1aSktbMw4RojZmGaUGhChFt2TMgZInSO7tWjKzx3JKN+MHwwHQYDVR0OBBYE
FNjyqxIun7f5/GWqJYH5K1NJQ2AwMB8GA1UdIwQYMBaAFNjyqxIun7f5/GWqJYH5
K1NJQ2AwMA8GA1UdEwEB/wQFMAMBAf8wKQYDVR0RBCIwIIIPYXBpLmV4YW1wbGUu
Y29tgg0qLmV4YW1wbGUuY29tMAoGCCqGSM49BAMCA0kAMEYCIQDkggaj4o+eK1WN
g8C36bTXul7HgtExPkqKD6Ro1Ykn2QIhAK3cKrwP/MnMbRrN+UUSu7QnSN1ydBRU
Hwlo+FrZIeqQ
-----END CERTIFICATE-----`;

describe('certificateInfo', () => {
  it('reads validity and CN from the leaf', () => {
    const info = certificateInfo(PEM);
    expect(info?.commonName).toBe('api.example.com');
    expect(info?.notAfter.toISOString()).toBe('2026-12-25T01:49:45.000Z');
    expect(info?.notBefore.toISOString()).toBe('2026-11-25T01:49:45.000Z');
  });

  it('returns null for anything else', () => {
    expect(certificateInfo('not a pem')).toBeNull();
    expect(certificateInfo('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBeNull();
  });
});

describe('expiryTone', () => {
  const day = 86_400_000;
  it('warns within 30 days and flags expired', () => {
    expect(expiryTone(new Date(100 * day), 0)).toBe('success');
    expect(expiryTone(new Date(10 * day), 0)).toBe('warning');
    expect(expiryTone(new Date(-1), 0)).toBe('danger');
  });
});
