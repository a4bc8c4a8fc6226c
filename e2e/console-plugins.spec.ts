import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { consoleUrl, env, nav, shot, signIn } from './console-session';
import { REPO_ROOT } from '../test/harness/process';

const suffix = Date.now().toString(36);

/** The service and route the plugins go on, written through the admin API: this spec is about the plugin pages. */
async function createRoute(request: APIRequestContext, service: string, route: string, path: string): Promise<void> {
  const headers = { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` };
  const api = `${consoleUrl()}/api/v1/tenants/default`;
  expect((await request.post(`${api}/services`, { headers, data: { name: service, url: env('AYA_E2E_UPSTREAM_URL') } })).status()).toBe(201);
  expect((await request.post(`${api}/routes`, { headers, data: { name: route, service, paths: [path] } })).status()).toBe(201);
}

/**
 * Whether the built gateway runs key-auth and rate-limit (the gateway side of issue 9 lands separately): a
 * snapshot plugin the gateway does not know fails closed with 500, so the proxy part of the test needs both.
 */
function gatewayRunsAuthPlugins(): boolean {
  const registry = readFileSync(join(REPO_ROOT, 'apps/gateway/src/plugins/registry.ts'), 'utf8');
  return ['key-auth/handler', 'rate-limit/handler'].every((p) => registry.includes(p));
}

test.describe('console consumers and plugins', () => {
  test('a consumer gets a key shown once, a route gets key-auth and a rate limit through the schema form, and the gateway asks for the key', async ({ page, request, context }) => {
    const group = `e2e-partners-${suffix}`;
    const username = `e2e-app-${suffix}`;
    const service = `e2e-plug-svc-${suffix}`;
    const route = `e2e-plug-route-${suffix}`;
    const path = `/plug-${suffix}`;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl() });
    await createRoute(request, service, route, path);
    await signIn(page);

    // A group, then a consumer in it (groups are a multi-select of the existing ones).
    await nav(page, 'Consumer groups');
    await page.getByRole('link', { name: 'New consumer group' }).first().click();
    await page.getByLabel('Name').fill(group);
    await page.getByLabel('Description').fill('partner apps');
    await page.getByRole('button', { name: 'Create consumer group' }).click();
    await expect(page.getByRole('link', { name: group, exact: true })).toBeVisible();

    await nav(page, 'Consumers');
    await page.getByRole('link', { name: 'New consumer' }).first().click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel(group).check();
    await page.getByRole('button', { name: 'Create consumer' }).click();
    const row = page.getByTestId(`consumer-row-${username}`);
    await expect(row).toContainText(group);

    // A generated key: shown once with a copy button, listed afterwards by its prefix only.
    await row.getByRole('link', { name: username, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Consumer ${username}` })).toBeVisible();
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByRole('button', { name: 'Create credential' }).click();
    const notice = page.getByTestId('new-secret');
    await expect(notice).toContainText('You will not see it again');
    const key = await page.getByTestId('new-secret-value').inputValue();
    expect(key.length).toBeGreaterThanOrEqual(16);
    await notice.getByRole('button', { name: 'Copy' }).click();
    await expect(notice.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await shot(page, 'consumer-key-once');
    await notice.getByRole('button', { name: 'I have stored it' }).click();
    await expect(notice).toBeHidden();
    const credentials = page.getByRole('table', { name: 'Credentials' });
    await expect(credentials.getByRole('row')).toHaveCount(2);
    const prefix = (await credentials.locator('code').first().textContent())?.replace('…', '') ?? '';
    expect(prefix.length).toBeGreaterThan(0);
    expect(key.startsWith(prefix)).toBe(true);
    await page.reload();
    await expect(page.getByRole('table', { name: 'Credentials' })).toBeVisible();
    expect(await page.content()).not.toContain(key);

    // An expiry set afterwards (a rotation's old key), through a PATCH of expiresAt.
    await credentials.getByRole('button', { name: `Change expiry of ${prefix}…` }).click();
    await page.getByRole('dialog').getByLabel('Expires').fill('2098-06-01T10:00');
    await page.getByRole('dialog').getByRole('button', { name: 'Save expiry' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(credentials.getByRole('row').filter({ hasText: prefix })).toContainText('2098');

    // A second key with an expiry, then revoked with a confirmation.
    await page.getByRole('button', { name: 'Add credential' }).click();
    await page.getByLabel('Expires').fill('2099-01-01T12:00');
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByTestId('new-secret').getByRole('button', { name: 'I have stored it' }).click();
    await expect(credentials.getByRole('row')).toHaveCount(3);
    await expect(credentials).toContainText('2099');
    await credentials.getByRole('row').filter({ hasText: '2099' }).getByRole('button', { name: /^Revoke credential/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(credentials.getByRole('row')).toHaveCount(2);

    // key-auth on the route, from the route's plugins panel: the scope is prefilled, the form comes from the schema.
    await nav(page, 'Routes');
    await page.getByRole('link', { name: `Edit route ${route}` }).click();
    const panel = page.getByTestId('plugins-panel');
    await expect(panel).toContainText('No plugins on this route');
    await panel.getByRole('link', { name: 'Add plugin' }).click();
    await expect(page.getByRole('combobox', { name: 'Route' }).locator('option:checked')).toHaveText(route);
    await page.getByRole('combobox', { name: 'Plugin' }).selectOption('key-auth');
    const config = page.getByTestId('plugin-config');
    await expect(config.getByLabel('Key in query')).not.toBeChecked();
    await expect(config.getByLabel('Hide credentials')).toBeChecked();
    await expect(config.locator('input[value="apikey"]')).toBeVisible();
    await shot(page, 'plugin-form-key-auth');
    await page.getByRole('button', { name: 'Add plugin' }).click();
    await expect(page).toHaveURL(/\/routes\/[^/]+\/edit$/);
    await expect(panel.getByTestId('plugin-row-key-auth')).toContainText(`route ${route}`);

    // rate-limit: a value the JSON Schema refuses is shown at its field before sending; a rule only the
    // server checks (by: header needs a header) comes back as a 400 and lands at its field too.
    await panel.getByRole('link', { name: 'Add plugin' }).click();
    await page.getByRole('combobox', { name: 'Plugin' }).selectOption('rate-limit');
    await config.getByRole('combobox', { name: 'Window' }).selectOption('second');
    await config.getByRole('spinbutton', { name: 'Limit' }).fill('0');
    await page.getByRole('button', { name: 'Add plugin' }).click();
    await expect(page.getByTestId('field-error-config.limits.0.limit')).toContainText('At least 1');
    await config.getByRole('spinbutton', { name: 'Limit' }).fill('1000');
    await expect(page.getByTestId('field-error-config.limits.0.limit')).toBeHidden();
    await config.getByRole('combobox', { name: 'By', exact: true }).selectOption('header');
    const write = page.waitForResponse((r) => r.url().endsWith('/plugins') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Add plugin' }).click();
    expect((await write).status()).toBe(400);
    await expect(page.getByTestId('field-error-config.header')).toBeVisible();
    await shot(page, 'plugin-form-rate-limit-error');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'plugin-form-phone');
    // Phone width: the form and its schema-rendered fields fit the screen.
    const card = await page.getByRole('form', { name: 'Add plugin' }).boundingBox();
    expect((card?.x ?? 0) + (card?.width ?? Infinity)).toBeLessThanOrEqual(390);
    // and so does the top bar (tenant picker, user, sign out): no sideways scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
    await config.getByRole('combobox', { name: 'By', exact: true }).selectOption('ip');
    await page.getByRole('button', { name: 'Add plugin' }).click();
    await expect(page).toHaveURL(/\/routes\/[^/]+\/edit$/);
    const rateLimit = panel.getByTestId('plugin-row-rate-limit');
    await expect(rateLimit).toBeVisible();

    // The switch disables an instance (PATCH enabled) and enables it again.
    const toggle = rateLimit.getByRole('switch', { name: 'Enable plugin rate-limit' });
    await toggle.uncheck();
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toBeEnabled();
    await toggle.check();
    await expect(toggle).toBeChecked();

    // Edit shows the stored config; the Plugins page lists the route's instances with their scope.
    await rateLimit.getByRole('link', { name: 'Edit plugin rate-limit' }).click();
    await expect(config.getByRole('spinbutton', { name: 'Limit' })).toHaveValue('1000');
    // rjsf's selects use option indexes as values: check the chosen option's text.
    await expect(config.getByRole('combobox', { name: 'By', exact: true }).locator('option:checked')).toHaveText('ip');
    // Saving an edit PATCHes the config alone (scope and switch untouched), and the user is back on the route.
    await config.getByRole('spinbutton', { name: 'Limit' }).fill('500');
    const patch = page.waitForRequest((r) => r.url().includes('/plugins/') && ['PATCH', 'PUT'].includes(r.method()));
    await page.getByRole('button', { name: 'Save changes' }).click();
    const sent = await patch;
    expect(sent.method()).toBe('PATCH');
    expect(Object.keys(sent.postDataJSON() as object)).toEqual(['config']);
    expect(sent.postDataJSON()).toMatchObject({ config: { limits: [{ window: 'second', limit: 500 }], by: 'ip' } });
    await expect(page).toHaveURL(/\/routes\/[^/]+\/edit$/);
    await nav(page, 'Plugins');
    await expect(page.getByRole('heading', { name: 'Plugins', level: 1 })).toBeVisible();
    await expect(page.getByTestId('plugin-row-key-auth').first()).toContainText(route);

    // A consumer's own rate limit, from its page; an auth plugin there is refused at the Consumer field.
    await nav(page, 'Consumers');
    await page.getByTestId(`consumer-row-${username}`).getByRole('link', { name: username, exact: true }).click();
    await page.getByTestId('plugins-panel').getByRole('link', { name: 'Add plugin' }).click();
    await expect(page.getByRole('combobox', { name: 'Consumer' }).locator('option:checked')).toHaveText(username);
    await page.getByRole('combobox', { name: 'Plugin' }).selectOption('key-auth');
    await expect(page.getByTestId('field-error-consumer')).toContainText('before the consumer is known');
    await page.getByRole('combobox', { name: 'Plugin' }).selectOption('rate-limit');
    await expect(page.getByTestId('field-error-consumer')).toBeHidden();
    await config.getByRole('combobox', { name: 'Window' }).selectOption('minute');
    await config.getByRole('spinbutton', { name: 'Limit' }).fill('100');
    await page.getByRole('button', { name: 'Add plugin' }).click();
    await expect(page).toHaveURL(/\/consumers\/[^/]+$/);
    await expect(page.getByTestId('plugins-panel').getByTestId('plugin-row-rate-limit')).toContainText(`consumer ${username}`);

    if (!gatewayRunsAuthPlugins()) {
      test.info().annotations.push({ type: 'skipped-part', description: 'gateway call: key-auth / rate-limit not registered in the gateway yet' });
      return;
    }
    // The gateway asks for the key, and lets the consumer's key through to the upstream.
    const proxied = `${env('AYA_E2E_PROXY_URL')}${path}/hi`;
    await expect
      .poll(async () => (await request.get(proxied, { failOnStatusCode: false })).status(), { timeout: 30_000, intervals: [250, 500, 1000] })
      .toBe(401);
    const denied = await request.get(proxied, { failOnStatusCode: false });
    expect(await denied.json()).toMatchObject({ error: { code: 'AYA_GW_UNAUTHORIZED' } });
    const allowed = await request.get(proxied, { headers: { apikey: key }, failOnStatusCode: false });
    expect(allowed.status()).toBe(200);
    expect(await allowed.text()).toMatch(/^hello from upstream \//);
  });
});
