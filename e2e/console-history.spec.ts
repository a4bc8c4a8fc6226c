import { expect, test, type APIRequestContext } from '@playwright/test';
import { consoleUrl, env, nav, shot } from './console-session';

const suffix = Date.now().toString(36);
const admin = { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` };

/** An admin API call as the platform's admin token (setup and the "someone else" of the stale edit). */
async function call(request: APIRequestContext, method: 'GET' | 'POST' | 'PATCH', path: string, data?: object) {
  const res = await request.fetch(`${consoleUrl()}${path}`, { method, headers: admin, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** What the gateway answers on a path, through its real proxy socket. */
async function through(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${env('AYA_E2E_PROXY_URL')}${path}`);
  return { status: res.status, body: await res.text() };
}

test.describe('console config history', () => {
  test('an operator breaks a route, rolls it back in the console, and the gateway serves the old route again', async ({ page, request }) => {
    const name = `hist-${suffix}`;
    const operator = `op-${suffix}`;
    const password = `operator-${suffix}-pw`;
    await call(request, 'POST', '/api/v1/users', { username: operator, password });
    await call(request, 'POST', '/api/v1/tenants/default/members', { user: operator, role: 'operator' });
    await call(request, 'POST', '/api/v1/tenants/default/services', { name, url: env('AYA_E2E_UPSTREAM_URL') });
    await call(request, 'POST', '/api/v1/tenants/default/routes', { name, service: name, paths: [`/${name}`], stripPath: true });
    const good = (await call(request, 'GET', '/api/v1/config/revision')).revision as number;
    await expect.poll(async () => (await through(`/${name}/cart`)).body, { timeout: 20_000 }).toBe('hello from upstream /cart');

    await page.goto(`${consoleUrl()}/`);
    await page.getByLabel('Username').fill(operator);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/console\/t\/default(\/|$)/);

    // The bad change, made in the console: the route's path moves away.
    await nav(page, 'Routes');
    await page.getByTestId(`route-row-${name}`).getByRole('link', { name: `Edit route ${name}` }).click();
    await page.getByLabel('Path 1').fill(`/${name}-v2`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/routes$/);
    await expect.poll(async () => (await through(`/${name}/cart`)).status, { timeout: 20_000 }).toBe(404);

    // A save over someone else's change is refused (If-Match -> 412) with a clear message, not applied.
    await page.getByTestId(`route-row-${name}`).getByRole('link', { name: `Edit route ${name}` }).click();
    await expect(page.getByLabel('Path 1')).toHaveValue(`/${name}-v2`);
    await call(request, 'PATCH', `/api/v1/tenants/default/routes/${name}`, { methods: ['GET'] });
    await page.getByLabel('Path 1').fill(`/${name}-v3`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Someone else changed this')).toBeVisible();
    expect((await call(request, 'GET', `/api/v1/tenants/default/routes/${name}`)).paths).toEqual([`/${name}-v2`]);

    // History: compare the good revision with the newest, see the path highlighted, and roll back.
    // the edit page still holds the refused edit: leaving asks first
    await nav(page, 'Config history');
    await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
    await expect(page.getByTestId(`history-row-${good}`)).toBeVisible();
    const newest = (await call(request, 'GET', '/api/v1/config/revision')).revision as number;
    await page.getByTestId(`history-pick-${good}`).check();
    await page.getByTestId(`history-pick-${newest}`).check();
    const diff = page.getByTestId('history-diff');
    await expect(diff).toContainText(`From #${good} to #${newest}`);
    await expect(page.getByTestId(`history-field-route-${name}-paths`)).toContainText(`/${name}-v2`);
    await shot(page, 'history-diff');

    await page.getByTestId(`history-rollback-${good}`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`revision #${good}`);
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Rolled back to revision ${good}`)).toBeVisible();

    // The gateway serves the old route again, and the console shows it.
    await expect.poll(async () => (await through(`/${name}/cart`)).body, { timeout: 20_000 }).toBe('hello from upstream /cart');
    expect((await through(`/${name}-v2/cart`)).status).toBe(404);
    await expect(page.getByTestId(`history-row-${newest + 1}`)).toContainText(operator);
    await nav(page, 'Routes');
    await expect(page.getByTestId(`route-row-${name}`)).toContainText(`/${name}`);
    await expect(page.getByTestId(`route-row-${name}`)).not.toContainText(`/${name}-v2`);
  });

  test('the history page fits a phone screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${consoleUrl()}/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(env('AYA_E2E_ADMIN_PASSWORD'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/console\/t\/default(\/|$)/);
    await page.goto(`${consoleUrl()}/console/t/default/history`);
    await expect(page.getByRole('heading', { name: 'Config history' })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
