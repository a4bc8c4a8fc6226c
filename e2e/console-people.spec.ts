import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { consoleUrl, env, nav, shot } from './console-session';

const suffix = Date.now().toString(36);

/** A user with a role in the default tenant, created through the admin API as the env superadmin. */
async function createMember(request: APIRequestContext, username: string, role: string): Promise<string> {
  const headers = { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` };
  const password = `${username}-password`;
  const created = await request.post(`${consoleUrl()}/api/v1/users`, { headers, data: { username, email: `${username}@example.com`, password } });
  expect(created.status()).toBe(201);
  const member = await request.post(`${consoleUrl()}/api/v1/tenants/default/members`, { headers, data: { user: username, role } });
  expect(member.status()).toBe(201);
  return password;
}

async function signInAs(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl()}/`);
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/t\/default$/);
}

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const size of WIDTHS) {
  test.describe(`people pages at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a viewer sees the config and the members but no edit controls, tokens or users', async ({ page, request, context }) => {
      const username = `e2e-viewer-${size.name}-${suffix}`;
      const password = await createMember(request, username, 'viewer');
      // signs in with the e-mail; the session is an http-only cookie, nothing in storage
      await signInAs(page, `${username}@example.com`, password);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'aya_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(cookies.find((c) => c.name === 'aya_session')?.value ?? 'none');
      await expect(page.getByTestId('current-role')).toHaveText('viewer');

      await page.goto(`${consoleUrl()}/console/t/default/services`);
      await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'New service' })).toHaveCount(0);

      if (size.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
      const main = page.getByRole('navigation', { name: 'Main' });
      await expect(main.getByRole('link', { name: 'Members', exact: true })).toBeVisible();
      await expect(main.getByRole('link', { name: 'Admin tokens' })).toHaveCount(0);
      await expect(main.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
      await nav(page, 'Members');
      await expect(page.getByTestId(`member-row-${username}`)).toContainText('viewer');
      await expect(page.getByRole('form', { name: 'Add a member' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await shot(page, `people-viewer-${size.name}`);
    });

    test('an admin creates a token, sees it once with a copy button, and it works', async ({ page, request }) => {
      test.setTimeout(120_000);
      const username = `e2e-admin-${size.name}-${suffix}`;
      const password = await createMember(request, username, 'admin');
      await signInAs(page, username, password);
      await expect(page.getByTestId('current-role')).toHaveText('admin');
      await page.goto(`${consoleUrl()}/console/t/default/tokens`);

      const name = `ci-${size.name}-${suffix}`;
      await page.getByLabel('Token name').fill(name);
      await page.getByLabel('Role').selectOption('operator');
      await page.getByRole('button', { name: 'Create token' }).click();
      const value = page.getByTestId('new-token-value');
      await expect(value).toHaveText(/^ayat_/);
      await expect(page.getByTestId('new-token').getByRole('button', { name: 'Copy' })).toBeVisible();
      const token = (await value.textContent()) ?? '';
      await expect(page.getByTestId(`token-row-${name}`)).toContainText('operator');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await shot(page, `people-token-${size.name}`);

      // the token acts in the tenant; leaving the page and coming back never shows it again
      const res = await request.get(`${consoleUrl()}/api/v1/tenants/default/services`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status()).toBe(200);
      await page.reload();
      await expect(page.getByTestId(`token-row-${name}`)).toBeVisible();
      await expect(page.getByTestId('new-token-value')).toHaveCount(0);
      expect(await page.content()).not.toContain(token);

      // revoke: 401 from then on
      await page.getByTestId(`token-row-${name}`).getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await expect(page.getByTestId(`token-row-${name}`)).toHaveCount(0);
      const revoked = await request.get(`${consoleUrl()}/api/v1/tenants/default/services`, { headers: { authorization: `Bearer ${token}` } });
      expect(revoked.status()).toBe(401);
    });
  });
}

test('a user changes the password and signs out everywhere', async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const username = `e2e-pw-${suffix}`;
  const password = await createMember(request, username, 'operator');
  await signInAs(page, username, password);
  const other = await browser.newPage();
  await signInAs(other, username, password);

  await page.goto(`${consoleUrl()}/console/t/default/account`);
  await page.getByLabel('Current password').fill('wrong-password');
  await page.getByLabel('New password').fill(`${password}-2`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('field-error-currentPassword')).toBeVisible();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByLabel('Current password')).toHaveValue('');

  // the other browser's session ended with the change
  await other.reload();
  await expect(other).toHaveURL(/\/console\/sign-in$/);
  await signInAs(other, username, `${password}-2`);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await other.reload();
  await expect(other).toHaveURL(/\/console\/sign-in$/);
  await other.close();
});

test('a member of one other tenant only lands in that tenant after sign-in', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` };
  const slug = `e2e-team-${suffix}`;
  expect((await request.post(`${consoleUrl()}/api/v1/tenants`, { headers, data: { slug, name: slug } })).status()).toBe(201);
  const username = `e2e-team-owner-${suffix}`;
  const password = `${username}-password`;
  expect((await request.post(`${consoleUrl()}/api/v1/users`, { headers, data: { username, password } })).status()).toBe(201);
  expect((await request.post(`${consoleUrl()}/api/v1/tenants/${slug}/members`, { headers, data: { user: username, role: 'owner' } })).status()).toBe(201);
  await page.goto(`${consoleUrl()}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/console/t/${slug}$`));
  await expect(page.getByTestId('current-role')).toHaveText('owner');
  // the tenant switch offers only the tenants this user belongs to
  await expect(page.getByLabel('Tenant').locator('option')).toHaveCount(1);
});
