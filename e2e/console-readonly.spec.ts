import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { selfSigned } from '../apps/control-plane/src/certificates/test-certs.test-util';
import { consoleUrl, env, shot, signIn } from './console-session';

/*
 * Roles and optimistic concurrency in the console: a viewer opens every detail and edit page and finds the data but
 * no control that would change it; two tabs editing the same route: the second save is refused (412) with a
 * reload offer, nothing typed is lost until the user chooses, and the reload shows the first tab's change.
 */

const suffix = Date.now().toString(36);
const T = '/tenants/default';
const admin = () => ({ authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` });

async function post(request: APIRequestContext, path: string, data: object): Promise<{ id: string }> {
  const res = await request.post(`${consoleUrl()}/api/v1${path}`, { headers: admin(), data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

interface Fixture {
  names: { service: string; route: string; upstream: string; consumer: string; group: string; sni: string };
  ids: { service: string; route: string; upstream: string; consumer: string; group: string; plugin: string; certificate: string };
}

/** One resource of every kind with something to show (a credential, a plugin, a certificate with a key). */
async function createFixture(request: APIRequestContext, tag: string): Promise<Fixture> {
  const names = {
    service: `ro-svc-${tag}`,
    route: `ro-route-${tag}`,
    upstream: `ro-pool-${tag}`,
    consumer: `ro-app-${tag}`,
    group: `ro-group-${tag}`,
    sni: `ro-${tag}.example.test`,
  };
  const upstream = await post(request, `${T}/upstreams`, { name: names.upstream, targets: [{ target: '127.0.0.1:9', weight: 100 }] });
  const service = await post(request, `${T}/services`, { name: names.service, url: env('AYA_E2E_UPSTREAM_URL') });
  const route = await post(request, `${T}/routes`, { name: names.route, service: service.id, paths: [`/ro-${tag}`] });
  const group = await post(request, `${T}/consumer-groups`, { name: names.group, description: 'read-only check' });
  const consumer = await post(request, `${T}/consumers`, { username: names.consumer, groups: [names.group] });
  await post(request, `${T}/consumers/${consumer.id}/credentials`, { type: 'key-auth' });
  const plugin = await post(request, `${T}/plugins`, { name: 'cors', route: route.id, config: {} });
  const pem = selfSigned(names.sni);
  const certificate = await post(request, `${T}/certificates`, { cert: pem.cert, key: pem.key, snis: [names.sni] });
  return { names, ids: { service: service.id, route: route.id, upstream: upstream.id, consumer: consumer.id, group: group.id, plugin: plugin.id, certificate: certificate.id } };
}

async function createViewer(request: APIRequestContext, username: string): Promise<string> {
  const password = `${username}-password`;
  expect((await request.post(`${consoleUrl()}/api/v1/users`, { headers: admin(), data: { username, email: `${username}@example.com`, password } })).status()).toBe(201);
  expect((await request.post(`${consoleUrl()}/api/v1${T}/members`, { headers: admin(), data: { user: username, role: 'viewer' } })).status()).toBe(201);
  return password;
}

/** Words of controls that change something: none may be offered to a viewer. */
const EDIT_WORDS = /^(save|save changes|delete|replace|replace certificate|add credential|add plugin|revoke|expiry|change expiry|create|remove|upload|roll back|edit|new)\b/i;

/** The page shows its data and a read-only hint, and offers nothing that would change it. */
async function expectReadOnly(page: Page, width: number): Promise<void> {
  const main = page.locator('main');
  await expect(main.getByTestId('read-only-notice')).toContainText('viewer');
  // every input, select and textarea is read-only (disabled); the ones left enabled would be edit controls
  await expect(main.locator('input:enabled, select:enabled, textarea:enabled')).toHaveCount(0);
  await expect(main.getByRole('button', { name: EDIT_WORDS })).toHaveCount(0);
  await expect(main.getByRole('link', { name: EDIT_WORDS })).toHaveCount(0);
  await expect(main.locator('button[type="submit"]')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

for (const size of WIDTHS) {
  test.describe(`a viewer at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('sees every detail and edit page read-only: the data, no Save / Delete / Replace / Add / switches', async ({ page, request }) => {
      test.setTimeout(180_000);
      const tag = `${size.name}-${suffix}`;
      const f = await createFixture(request, tag);
      const username = `ro-viewer-${tag}`;
      const password = await createViewer(request, username);
      await page.goto(`${consoleUrl()}/`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/\/console\/t\/default(\/|$)/);
      const open = (path: string) => page.goto(`${consoleUrl()}/console/t/default/${path}`);
      const main = page.locator('main');

      await open(`services/${f.ids.service}/edit`);
      await expect(main.getByRole('heading', { name: `Service ${f.names.service}` })).toBeVisible();
      await expect(main.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(f.names.service);
      await expect(main.getByLabel('URL')).toHaveValue(env('AYA_E2E_UPSTREAM_URL'));
      // the folded "Advanced" fields are shown, read-only
      await expect(main.getByLabel('Send timeout (ms)')).toBeVisible();
      await expectReadOnly(page, size.width);
      await shot(page, `readonly-service-${size.name}`);

      await open(`routes/${f.ids.route}/edit`);
      await expect(main.getByRole('heading', { name: `Route ${f.names.route}` })).toBeVisible();
      await expect(main.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(f.names.route);
      await expect(main.getByLabel('Path 1')).toHaveValue(`/ro-${tag}`);
      // its plugins panel lists the cors plugin's state, with nothing to switch or delete
      const panel = main.getByTestId('plugins-panel');
      await expect(panel.getByTestId('plugin-row-cors')).toContainText('enabled');
      await expect(panel.getByRole('switch')).toHaveCount(0);
      await expectReadOnly(page, size.width);
      await shot(page, `readonly-route-${size.name}`);

      await open(`upstreams/${f.ids.upstream}`);
      await expect(main.getByRole('heading', { name: `Upstream ${f.names.upstream}` })).toBeVisible();
      await expect(main).toContainText('127.0.0.1:9');
      await expectReadOnly(page, size.width);

      await open(`upstreams/${f.ids.upstream}/edit`);
      await expect(main.getByLabel('Target 1')).toHaveValue('127.0.0.1:9');
      await expectReadOnly(page, size.width);

      await open(`certificates/${f.ids.certificate}`);
      await expect(main.getByTestId('certificate-detail')).toContainText(f.names.sni);
      await expect(main.getByTestId('certificate-pem')).toContainText('BEGIN CERTIFICATE');
      await expectReadOnly(page, size.width);
      // the replace page has nothing for a viewer: it leads back to the detail
      await open(`certificates/${f.ids.certificate}/edit`);
      await expect(page).toHaveURL(new RegExp(`/certificates/${f.ids.certificate}$`));
      await expectReadOnly(page, size.width);

      await open(`consumers/${f.ids.consumer}`);
      await expect(main.getByRole('heading', { name: `Consumer ${f.names.consumer}` })).toBeVisible();
      await expect(main.getByTestId('consumer-summary-groups')).toContainText(f.names.group);
      const credentials = main.getByTestId('credentials-panel');
      await expect(credentials.getByRole('row').filter({ hasText: 'key-auth' })).toHaveCount(1);
      await expectReadOnly(page, size.width);
      await shot(page, `readonly-consumer-${size.name}`);

      await open(`consumers/${f.ids.consumer}/edit`);
      await expect(main.getByLabel('Username')).toHaveValue(f.names.consumer);
      await expect(main.getByLabel(f.names.group)).toBeChecked();
      await expectReadOnly(page, size.width);

      await open(`consumer-groups/${f.ids.group}/edit`);
      await expect(main.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(f.names.group);
      await expect(main.getByLabel('Description')).toHaveValue('read-only check');
      await expectReadOnly(page, size.width);

      await open(`plugins/${f.ids.plugin}/edit`);
      await expect(main.getByRole('heading', { name: 'Plugin cors' })).toBeVisible();
      await expect(main.getByLabel('Route')).toHaveValue(f.ids.route);
      await expectReadOnly(page, size.width);
      await shot(page, `readonly-plugin-${size.name}`);

      // a "new" page has nothing for a viewer: it leads to its list
      await open('services/new');
      await expect(page).toHaveURL(/\/services$/);

      // the lists a viewer reaches these pages from offer no writes either
      for (const list of ['plugins', 'consumers', 'consumer-groups', 'services', 'routes', 'upstreams', 'certificates']) {
        await open(list);
        await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(main.getByRole('link', { name: EDIT_WORDS })).toHaveCount(0);
        await expect(main.getByRole('button', { name: EDIT_WORDS })).toHaveCount(0);
        await expect(main.getByRole('switch')).toHaveCount(0);
      }
    });
  });
}

test.describe('two tabs edit the same route', () => {
  test('the second save is refused with a reload offer, its edits kept until reloaded; the reload shows the first save', async ({ page, context, request }) => {
    test.setTimeout(120_000);
    const f = await createFixture(request, `tabs-${suffix}`);
    await signIn(page);
    const editPath = `${consoleUrl()}/console/t/default/routes/${f.ids.route}/edit`;
    const first = page;
    const second = await context.newPage();
    await first.goto(editPath);
    await second.goto(editPath);
    await expect(first.getByLabel('Name')).toHaveValue(f.names.route);
    await expect(second.getByLabel('Name')).toHaveValue(f.names.route);

    // the first tab saves a new path
    const changed = `/ro-first-${suffix}`;
    await first.getByLabel('Path 1').fill(changed);
    await first.getByRole('button', { name: 'Save changes' }).click();
    await expect(first).toHaveURL(/\/routes$/);

    // the second tab writes something else in the tenant first: its route query refetches the first tab's version
    // in the background, but the form still works from the version it opened
    const plugins = second.getByTestId('plugins-panel');
    const refetched = second.waitForResponse((r) => r.url().endsWith(`/routes/${f.ids.route}`) && r.request().method() === 'GET');
    await plugins.getByRole('switch', { name: 'Enable plugin cors' }).click();
    await expect(plugins.getByRole('switch', { name: 'Enable plugin cors' })).not.toBeChecked();
    await refetched;
    await expect(second.getByLabel('Path 1')).toHaveValue(`/ro-tabs-${suffix}`);

    const mine = `/ro-second-${suffix}`;
    await second.getByLabel('Path 1').fill(mine);
    const save = second.waitForResponse((r) => r.url().endsWith(`/routes/${f.ids.route}`) && r.request().method() !== 'GET');
    await second.getByRole('button', { name: 'Save changes' }).click();
    const refused = await save;
    expect(refused.status()).toBe(412);
    expect(refused.request().headers()['if-match']).toBeTruthy();
    const stale = second.getByTestId('stale-edit');
    await expect(stale).toContainText('Someone else changed this since you opened it');
    await expect(second.getByLabel('Path 1')).toHaveValue(mine);
    await shot(second, 'readonly-stale-edit');

    // keep editing: the alert goes, the typed value stays
    await stale.getByRole('button', { name: 'Keep editing' }).click();
    await expect(stale).toHaveCount(0);
    await expect(second.getByLabel('Path 1')).toHaveValue(mine);
    await second.getByRole('button', { name: 'Save changes' }).click();
    await expect(stale).toBeVisible();

    // reload: the first tab's change, the second tab's edit discarded by choice, and a save now goes through
    await stale.getByRole('button', { name: 'Reload (discard my edits)' }).click();
    await expect(second.getByLabel('Path 1')).toHaveValue(changed);
    await expect(stale).toHaveCount(0);
    await second.getByLabel('Name').fill(`${f.names.route}-renamed`);
    await second.getByRole('button', { name: 'Save changes' }).click();
    await expect(second).toHaveURL(/\/routes$/);
    const stored = await request.get(`${consoleUrl()}/api/v1${T}/routes/${f.ids.route}`, { headers: admin() });
    expect(await stored.json()).toMatchObject({ name: `${f.names.route}-renamed`, paths: [changed] });
  });
});
