import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  createDatabase,
  eventually,
  startControlPlane,
  startGateway,
  startUpstream,
  type ControlPlane,
  type Gateway,
  type TestUpstream,
} from '../../../../test/harness';

let cp: ControlPlane;
let gw: Gateway;
let stable: TestUpstream;
let canary: TestUpstream;
let api: ReturnType<typeof apiClient>;
const t = (path: string) => `/api/v1/tenants/default/${path}`;

/** What the gateway answers on a path, through its real proxy socket. */
const through = async (path: string) => {
  const res = await fetch(`${gw.proxyUrl}${path}`);
  return { status: res.status, body: await res.text() };
};

beforeAll(async () => {
  stable = await startUpstream('stable');
  canary = await startUpstream('canary');
  cp = await startControlPlane({ databaseUrl: await createDatabase() });
  api = apiClient(cp.url, cp.adminToken);
  gw = await startGateway({ controlPlaneUrl: cp.url, clusterToken: cp.clusterToken });
});
afterAll(async () => {
  await gw?.stop();
  await cp?.stop();
  await stable?.close();
  await canary?.close();
});

describe('rollback reaches the gateway', () => {
  it('after a bad change and a rollback, the gateway serves the old route again', async () => {
    expect((await api('POST', t('services'), { name: 'shop', url: stable.url })).status).toBe(201);
    expect((await api('POST', t('routes'), { name: 'shop', service: 'shop', paths: ['/shop'] })).status).toBe(201);
    await eventually(async () => (await through('/shop/cart')).body === 'hello from stable /shop/cart');
    const good = (await api('GET', '/api/v1/config/revision')).body.revision;

    // the bad change: the route moves away and its service points elsewhere
    expect((await api('PATCH', t('routes/shop'), { paths: ['/shop-v2'] })).status).toBe(200);
    expect((await api('PATCH', t('services/shop'), { url: canary.url })).status).toBe(200);
    await eventually(async () => (await through('/shop/cart')).status === 404);
    expect((await through('/shop-v2/cart')).body).toBe('hello from canary /shop-v2/cart');

    const rolled = await api('POST', `/api/v1/config/revisions/${good}/rollback`);
    expect(rolled.status).toBe(201);
    const served = await eventually(async () => {
      const res = await through('/shop/cart');
      return res.status === 200 && res;
    });
    expect(served.body).toBe('hello from stable /shop/cart');
    expect((await through('/shop-v2/cart')).status).toBe(404);
    // the admin API shows the rolled-back rows too (the source of truth, not only the gateway items)
    expect((await api('GET', t('routes/shop'))).body.paths).toEqual(['/shop']);
    expect((await api('GET', t('services/shop'))).body.url).toBe(stable.url);
    expect(await gw.status()).toMatchObject({ revision: rolled.body.revision });
  });
});
