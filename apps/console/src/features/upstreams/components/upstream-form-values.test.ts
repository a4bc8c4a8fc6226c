import { upstreamCreateSchema } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { toUpstreamPayload, toUpstreamValues } from './upstream-form-values';

describe('upstream form values: active HTTPS probes', () => {
  it('send TLS settings only for HTTPS, verification off only when unticked, and read back the same', () => {
    const values = toUpstreamValues();
    values.name = 'pool';
    values.active = { ...values.active, enabled: true, type: 'https', tlsVerify: false, tlsServerName: 'api.internal', path: '/healthz' };
    const { payload } = toUpstreamPayload(values);
    expect(payload.healthChecks?.active).toMatchObject({ type: 'https', tlsVerify: false, tlsServerName: 'api.internal', path: '/healthz' });
    expect(upstreamCreateSchema.safeParse(payload).success).toBe(true);
    const back = toUpstreamValues({ ...upstreamCreateSchema.parse(payload), id: 'u', createdAt: '', updatedAt: '' } as never);
    expect(back.active).toMatchObject({ type: 'https', tlsVerify: false, tlsServerName: 'api.internal' });

    values.active = { ...values.active, type: 'tcp' };
    const tcp = toUpstreamPayload(values).payload.healthChecks?.active;
    expect(tcp).toMatchObject({ type: 'tcp' });
    expect(tcp).not.toHaveProperty('tlsVerify', false);
    expect(tcp?.tlsServerName).toBeUndefined();
  });
});
