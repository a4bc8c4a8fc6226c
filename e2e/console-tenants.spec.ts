import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { consoleUrl, env, nav, shot } from './console-session';

/*
 * Tenants and people as a superadmin and an owner would use them: a superadmin creates a tenant (the switcher
 * offers it), adds its owner, edits that user (e-mail, a generated password shown once); the owner signs in with
 * that password, renames the tenant, and deletes it with the typed-slug confirmation, refused while it has config.
 */

const suffix = Date.now().toString(36);
const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const admin = () => ({ authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` });

async function signInAs(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl()}/`);
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/t\/[^/]+/);
}

async function expectFits(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

async function createUser(request: APIRequestContext, username: string): Promise<void> {
  const res = await request.post(`${consoleUrl()}/api/v1/users`, { headers: admin(), data: { username, password: `${username}-first-password` } });
  expect(res.status()).toBe(201);
}

for (const size of WIDTHS) {
  test.describe(`tenants at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a superadmin creates a tenant and its owner; the owner renames it and deletes it once empty', async ({ page, request, browser }) => {
      test.setTimeout(180_000);
      const slug = `e2e-team-${size.name}-${suffix}`;
      const owner = `e2e-owner-${size.name}-${suffix}`;
      await createUser(request, owner);

      // the superadmin: Tenants in the navigation, create, the switcher offers the new tenant
      await signInAs(page, 'admin', env('AYA_E2E_ADMIN_PASSWORD'));
      await page.goto(`${consoleUrl()}/console/t/default/services`);
      if (size.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
      await nav(page, 'Tenants');
      await expect(page.getByRole('heading', { name: 'Tenants', exact: true })).toBeVisible();
      const form = page.getByRole('form', { name: 'New tenant' });
      await form.getByLabel('Slug').fill(slug);
      await form.getByLabel('Display name').fill('E2E Team');
      await form.getByRole('button', { name: 'Create tenant' }).click();
      await expect(page.getByText(`Tenant ${slug} created`)).toBeVisible();
      await expect(page.getByTestId('tenant-switcher').locator('option', { hasText: slug })).toHaveCount(1);
      await expectFits(page, size.width);
      await shot(page, `tenants-list-${size.name}`);

      // its first member: the owner
      await page.getByRole('link', { name: `Members of ${slug}` }).click();
      await expect(page).toHaveURL(new RegExp(`/console/t/${slug}/members$`));
      const add = page.getByRole('form', { name: 'Add a member' });
      await add.getByLabel('User').fill(owner);
      await add.getByLabel('Role').selectOption('owner');
      await add.getByRole('button', { name: 'Add member' }).click();
      await expect(page.getByTestId(`member-row-${owner}`)).toContainText('owner');
      await expect(page.getByTestId('list-count')).toHaveText('1–1 of 1');

      // edit the user: an e-mail, then a generated password, shown once
      await page.goto(`${consoleUrl()}/console/t/${slug}/users`);
      await page.getByLabel('Search users').fill(owner);
      await expect(page.getByTestId('list-count')).toHaveText('1–1 of 1');
      await page.getByRole('link', { name: `Edit user ${owner}` }).click();
      await expect(page.getByRole('heading', { name: owner })).toBeVisible();
      const details = page.getByRole('form', { name: 'User details' });
      await details.getByLabel('E-mail').fill(`${owner}@example.com`);
      await details.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(`User ${owner} saved`)).toBeVisible();
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByRole('button', { name: 'Reset password' }).click();
      const shown = page.getByTestId('new-password-value');
      await expect(shown).toHaveText(/^[A-Za-z0-9]{20}$/);
      const password = (await shown.textContent()) ?? '';
      await expectFits(page, size.width);
      await shot(page, `user-edit-${size.name}`);
      await page.reload();
      await expect(page.getByTestId('new-password-value')).toHaveCount(0);
      await expect(page.getByRole('form', { name: 'User details' }).getByLabel('E-mail')).toHaveValue(`${owner}@example.com`);
      // the platform audit log, on the user's page: who did it, never the password
      await expect(page.getByTestId('user-history-password-reset')).toContainText('admin');
      await expect(page.getByTestId('user-history-update')).toContainText('email');
      await expect(page.getByTestId('user-history-create')).toHaveCount(1);
      expect(await page.content()).not.toContain(password);

      // the owner signs in with the new password (by the new e-mail) and renames the tenant
      const ownerContext = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      const ownerPage = await ownerContext.newPage();
      await signInAs(ownerPage, `${owner}@example.com`, password);
      await expect(ownerPage).toHaveURL(new RegExp(`/console/t/${slug}`));
      await ownerPage.goto(`${consoleUrl()}/console/t/${slug}/tenants`);
      await expect(ownerPage.getByTestId(`tenant-row-${slug}`)).toContainText('owner');
      await expect(ownerPage.getByRole('form', { name: 'New tenant' })).toHaveCount(0);
      await ownerPage.getByRole('link', { name: `Settings of ${slug}` }).click();
      const settings = ownerPage.getByRole('form', { name: 'Tenant settings' });
      await settings.getByLabel('Display name').fill('Renamed Team');
      await settings.getByRole('button', { name: 'Save' }).click();
      await expect(ownerPage.getByText(`Tenant ${slug} saved`)).toBeVisible();
      await expect(ownerPage.getByTestId('tenant-switcher').locator('option', { hasText: `Renamed Team (${slug})` })).toHaveCount(1);
      await expectFits(ownerPage, size.width);
      await shot(ownerPage, `tenant-settings-${size.name}`);

      // delete: the slug must be typed; a tenant with config is refused, saying what is left
      const service = await request.post(`${consoleUrl()}/api/v1/tenants/${slug}/services`, { headers: admin(), data: { name: 'left-over', url: env('AYA_E2E_UPSTREAM_URL') } });
      expect(service.status()).toBe(201);
      await ownerPage.getByRole('button', { name: 'Delete tenant' }).click();
      const dialog = ownerPage.getByRole('dialog');
      const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${slug} to confirm`).fill(slug);
      await confirm.click();
      await expect(dialog.getByTestId('dialog-error')).toContainText('1 services');
      expect((await request.delete(`${consoleUrl()}/api/v1/tenants/${slug}/services/left-over`, { headers: admin() })).status()).toBe(204);
      await confirm.click();
      await expect(ownerPage).not.toHaveURL(new RegExp(slug));
      expect((await request.get(`${consoleUrl()}/api/v1/tenants/${slug}`, { headers: admin() })).status()).toBe(404);
      await ownerContext.close();

      // the superadmin's switcher drops it too, once its list is read again
      await page.goto(`${consoleUrl()}/console/t/default/tenants`);
      await expect(page.getByTestId(`tenant-row-${slug}`)).toHaveCount(0);
      await expect(page.getByTestId('tenant-switcher').locator('option', { hasText: slug })).toHaveCount(0);

      // disable the user: the sign-in says why it is refused
      await page.goto(`${consoleUrl()}/console/t/default/users`);
      await page.getByLabel('Search users').fill(owner);
      await page.getByRole('link', { name: `Edit user ${owner}` }).click();
      const userForm = page.getByRole('form', { name: 'User details' });
      await userForm.getByLabel('Disabled').check();
      await userForm.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(`User ${owner} saved`)).toBeVisible();
      const refused = await browser.newContext({ viewport: { width: size.width, height: size.height } });
      const refusedPage = await refused.newPage();
      await refusedPage.goto(`${consoleUrl()}/`);
      await refusedPage.getByLabel('Username').fill(owner);
      await refusedPage.getByLabel('Password').fill(password);
      await refusedPage.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(refusedPage.getByText('this account is disabled')).toBeVisible();
      await refused.close();
    });
  });
}
