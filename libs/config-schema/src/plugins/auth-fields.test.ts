import { describe, expect, it } from 'vitest';
import { mtlsAuthConfigSchema } from './auth';

describe('mtls-auth config', () => {
  it('refuses matching by subject without caCertificates (a CN alone proves nothing), at caCertificates', () => {
    const bad = mtlsAuthConfigSchema.safeParse({ matchBy: 'subject' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['caCertificates']);
    expect(mtlsAuthConfigSchema.safeParse({ matchBy: 'subject', caCertificates: ['ca-1'] }).success).toBe(true);
    expect(mtlsAuthConfigSchema.parse({})).toEqual({ caCertificates: [], matchBy: 'any', anonymous: null });
  });
});
