import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { consoleUrl, env, shot, signIn } from './console-session';

/*
 * The home dashboard: a first-run operator follows its guide in an empty tenant from nothing to a route the
 * gateway (started by global-setup) serves over a real socket; the dashboard's counts match the API at phone and
 * desktop width.
 */

const suffix = Date.now().toString(36);
const run = promisify(execFile);
const admin = () => ({ authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` });

async function api<T>(request: APIRequestContext, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const res = await request.fetch(`${consoleUrl()}/api/v1${path}`, { method, headers: admin(), data });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function newTenant(request: APIRequestContext, slug: string): Promise<void> {
  await api(request, 'POST', '/tenants', { slug, name: `Home ${slug}` });
}

const step = (page: Page, n: number) => page.getByTestId(`guide-step-${n}`);

/** The page is no wider than the screen (nothing pushes it sideways). */
async function expectFits(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe('home dashboard', () => {
  test('a first-run operator follows the guide to a route the gateway serves', async ({ page, request }) => {
    test.setTimeout(120_000);
    const tenant = `first-${suffix}`;
    await newTenant(request, tenant);
    const upstream = new URL(env('AYA_E2E_UPSTREAM_URL'));
    const routePath = `/first-${suffix}`;

    await signIn(page);
    await page.goto(`${consoleUrl()}/console/t/${tenant}`);
    const guide = page.getByTestId('first-run-guide');
    await expect(guide).toBeVisible();
    for (const n of [1, 2, 3, 4]) await expect(step(page, n)).toHaveAttribute('data-done', 'false');

    // 1. an upstream with a target: the form returns to the guide
    await step(page, 1).getByRole('link', { name: 'Create upstream' }).click();
    await page.getByLabel('Name').fill('api-pool');
    await page.getByLabel('Target 1').fill(upstream.host);
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}$`));
    await expect(step(page, 1)).toHaveAttribute('data-done', 'true');
    await expect(step(page, 1)).toContainText('api-pool');

    // 2. a service: its URL already points at the upstream
    await step(page, 2).getByRole('link', { name: 'Create service' }).click();
    await expect(page.getByLabel('URL')).toHaveValue('upstream://api-pool');
    await page.getByLabel('Name').fill('api');
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}$`));
    await expect(step(page, 2)).toHaveAttribute('data-done', 'true');

    // 3. a route: the service is already chosen
    await step(page, 3).getByRole('link', { name: 'Create route' }).click();
    await expect(page.getByLabel('Service')).toHaveValue('api');
    await page.getByLabel('Name').fill('first-route');
    await page.getByLabel('Path 1').fill(routePath);
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}$`));
    await expect(step(page, 3)).toHaveAttribute('data-done', 'true');
    // the guide stays for its last step although the tenant has a route now
    await expect(guide).toBeVisible();

    // 4. try it: the step ticks once a gateway runs this config, and the printed request is answered
    await expect(step(page, 4)).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('try-it-status')).toContainText(/Live on [1-9]\d* of/);
    const command = (await page.getByTestId('try-it-command').textContent()) ?? '';
    expect(command).toContain(routePath);
    // a gateway that reports its proxy address gets the command as printed; else the guide says it guessed
    const guessed = await page.getByTestId('try-it-proxy-guess').isVisible();
    const proxy = env('AYA_E2E_PROXY_URL');
    const runnable = guessed ? `curl -i '${proxy}${routePath}'` : command;
    if (!guessed) expect(command).toContain(proxy);
    await shot(page, 'home-guide-done');
    const { stdout } = await run('sh', ['-c', `${runnable} --silent --show-error --max-time 10`]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(stdout).toContain('hello from upstream');

    // finishing hides it for this tenant, also after a reload; "Getting started" brings it back, all ticked
    await page.getByRole('button', { name: 'Finish and hide the guide' }).click();
    await expect(guide).toBeHidden();
    await page.reload();
    await expect(page.getByTestId('count-routes').locator('.stat-value')).toHaveText('1');
    await expect(guide).toBeHidden();
    await page.getByRole('button', { name: 'Getting started' }).click();
    for (const n of [1, 2, 3, 4]) await expect(step(page, n)).toHaveAttribute('data-done', 'true');
  });

  test('a viewer of an empty tenant lands on its guide without create buttons', async ({ page, request }) => {
    const tenant = `view-${suffix}`;
    await newTenant(request, tenant);
    const username = `home-viewer-${suffix}`;
    const password = `${username}-password`;
    await api(request, 'POST', '/users', { username, password });
    await api(request, 'POST', `/tenants/${tenant}/members`, { user: username, role: 'viewer' });
    await page.goto(`${consoleUrl()}/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // their only tenant's dashboard
    await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}$`));
    await expect(page.getByTestId('first-run-guide')).toBeVisible();
    await expect(step(page, 1)).toContainText('your role only reads');
    await expect(page.getByTestId('first-run-guide').getByRole('link', { name: /^Create / })).toHaveCount(0);
  });

  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1440, height: 900 },
  ]) {
    test(`the dashboard's counts match the API at ${size.width} px`, async ({ page, request }) => {
      const tenant = `dash-${size.name}-${suffix}`;
      await newTenant(request, tenant);
      const t = `/tenants/${tenant}`;
      await api(request, 'POST', `${t}/upstreams`, { name: 'pool', targets: [{ target: '127.0.0.1:9' }, { target: '127.0.0.1:10' }] });
      const service = await api<{ id: string }>(request, 'POST', `${t}/services`, { name: 'svc', url: 'upstream://pool' });
      for (const n of [1, 2, 3]) await api(request, 'POST', `${t}/routes`, { name: `r${n}`, service: service.id, paths: [`/dash-${size.name}-${suffix}-${n}`] });
      await api(request, 'POST', `${t}/consumers`, { username: 'app' });
      const overview = await api<{ counts: Record<string, number>; nodes: { total: number } }>(request, 'GET', `${t}/overview`);
      expect(overview.counts).toMatchObject({ services: 1, routes: 3, upstreams: 1, consumers: 1 });

      await page.setViewportSize({ width: size.width, height: size.height });
      await signIn(page);
      await page.goto(`${consoleUrl()}/console/t/${tenant}`);
      for (const [key, value] of Object.entries(overview.counts)) await expect(page.getByTestId(`count-${key}`).locator('.stat-value')).toHaveText(String(value));
      // the tenant had routes before anyone opened it: no guide, but the way to it
      await expect(page.getByTestId('first-run-guide')).toBeHidden();
      await expect(page.getByRole('button', { name: 'Getting started' })).toBeVisible();
      // two targets, whatever the gateways say of them; the node chart counts the running gateway
      const legend = page.getByTestId('target-health-card');
      const states = await Promise.all(['healthy', 'unhealthy', 'unknown'].map(async (s) => Number(await legend.getByTestId(`target-health-${s}`).textContent())));
      expect(states.reduce((a, b) => a + b, 0)).toBe(2);
      await expect(page.getByTestId('target-health-card').locator('svg').first()).toBeVisible();
      const nodes = page.getByTestId('node-sync-card');
      await expect(nodes.locator('svg').first()).toBeVisible();
      expect(overview.nodes.total).toBeGreaterThan(0);
      await expect(page.getByTestId('traffic-card')).toContainText('Not measured yet');
      await expect(page.getByTestId('recent-changes')).toContainText('app');
      // each count opens its list
      await page.getByTestId('count-routes').click();
      await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}/routes$`));
      await page.goBack();
      await expect(page.getByTestId('count-routes')).toBeVisible();
      await expectFits(page, size.width);
      await shot(page, `home-${size.name}`);
      // dark theme: the same page, charts drawn, nothing wider
      await page.evaluate(() => window.localStorage.setItem('aya.console.theme', 'dark'));
      await page.reload();
      await expect(page.getByTestId('node-sync-card').locator('svg').first()).toBeVisible();
      await expectFits(page, size.width);
      await shot(page, `home-${size.name}-dark`);
    });
  }
});
