import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client';

// A cookie session's writes carry the CSRF token; reads and bearer-token calls do not (the control plane's rule).
function recorder() {
  const seen: Array<{ method: string; csrf: string | null; auth: string | null; credentials: RequestCredentials }> = [];
  const fetch = (request: Request) => {
    seen.push({ method: request.method, csrf: request.headers.get('x-csrf-token'), auth: request.headers.get('authorization'), credentials: request.credentials });
    return Promise.resolve(new Response(null, { status: 204 }));
  };
  return { seen, fetch };
}

describe('api client CSRF header', () => {
  it('sends X-CSRF-Token on cookie-session writes only', async () => {
    const { seen, fetch } = recorder();
    let token: string | null = null;
    const client = createApiClient({ baseUrl: 'http://cp.test', getToken: () => token, getCsrfToken: () => 'csrf-1', onUnauthorized: () => {}, fetch });
    await client.GET('/api/v1/auth/me');
    await client.POST('/api/v1/auth/logout');
    await client.DELETE('/api/v1/tenants/{tenant}/services/{id}', { params: { path: { tenant: 't', id: 's' } } });
    token = 'ayat_x';
    await client.POST('/api/v1/auth/logout');
    expect(seen.map((s) => [s.method, s.csrf, s.auth])).toEqual([
      ['GET', null, null],
      ['POST', 'csrf-1', null],
      ['DELETE', 'csrf-1', null],
      ['POST', null, 'Bearer ayat_x'],
    ]);
    expect(seen.every((s) => s.credentials === 'same-origin')).toBe(true);
  });
});
