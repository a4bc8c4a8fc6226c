import { apiClient, type ControlPlane } from '../../../../test/harness';

export type Api = ReturnType<typeof apiClient>;

/** Creates a user through /api/v1/users (as the env superadmin) and signs them in: their bearer client. */
export async function userSession(cp: ControlPlane, username: string, memberships: Record<string, string> = {}): Promise<Api> {
  const root = apiClient(cp.url, cp.adminToken);
  const password = `${username}-password-1`;
  const created = await root('POST', '/api/v1/users', { username, email: `${username}@example.com`, password });
  if (created.status !== 201) throw new Error(`creating ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [tenant, role] of Object.entries(memberships)) {
    const added = await root('POST', `/api/v1/tenants/${tenant}/members`, { user: username, role });
    if (added.status !== 201) throw new Error(`adding ${username} to ${tenant}: ${added.status} ${JSON.stringify(added.body)}`);
  }
  return apiClient(cp.url, await signIn(cp, username, password));
}

export async function signIn(cp: ControlPlane, login: string, password: string): Promise<string> {
  const res = await apiClient(cp.url)('POST', '/api/v1/auth/login', { username: login, password });
  if (res.status !== 200) throw new Error(`sign-in of ${login}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { token: string }).token;
}

/** A tenant admin token created by the env superadmin. */
export async function tenantToken(cp: ControlPlane, tenant: string, role: string, name = `${role}-token`): Promise<{ id: string; token: string }> {
  const res = await apiClient(cp.url, cp.adminToken)('POST', `/api/v1/tenants/${tenant}/tokens`, { name, role });
  if (res.status !== 201) throw new Error(`token in ${tenant}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; token: string };
}
