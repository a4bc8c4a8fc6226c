import { expect, test, type Page } from '@playwright/test';

/** Set by e2e/global-setup.ts, which starts the real platform (Postgres, control plane + console, gateway, upstream). */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright.config.ts (its global setup starts the platform)`);
  return value;
}

const consoleUrl = () => env('AYA_E2E_CONSOLE_URL');
const proxyUrl = () => env('AYA_E2E_PROXY_URL');
const upstreamUrl = () => env('AYA_E2E_UPSTREAM_URL');
const adminPassword = () => env('AYA_E2E_ADMIN_PASSWORD');

// Unique per run so a reused database never turns a create into a conflict.
const suffix = Date.now().toString(36);

async function signIn(page: Page): Promise<void> {
  await page.goto(`${consoleUrl()}/`);
  await expect(page).toHaveURL(/\/console\/sign-in$/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(adminPassword());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/console\/t\/default$/);
  await expect(page.getByTestId('current-user')).toContainText('admin');
}

async function createService(page: Page, name: string, url: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('link', { name: 'New service' }).first().click();
  // the list's 'Sort by Name' also answers to the label until the form is there
  await expect(page).toHaveURL(/\/services\/new$/);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('URL').fill(url);
  await page.getByRole('button', { name: 'Create service' }).click();
}

test.describe('console foundation', () => {
  test('sign in, create a service and a route, and the gateway serves it', async ({ page, request }) => {
    const serviceName = `e2e-svc-${suffix}`;
    const routeName = `e2e-route-${suffix}`;

    await signIn(page);

    await createService(page, serviceName, upstreamUrl());
    await expect(page).toHaveURL(/\/console\/t\/default\/services$/);
    await expect(page.getByTestId(`service-row-${serviceName}`)).toContainText(upstreamUrl());

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Routes' }).click();
    await page.getByRole('link', { name: 'New route' }).first().click();
    await expect(page).toHaveURL(/\/routes\/new$/);
    await page.getByLabel('Name').fill(routeName);
    await page.getByLabel('Service').selectOption(serviceName);
    await page.getByLabel('Path 1').fill('/e2e');
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page).toHaveURL(/\/console\/t\/default\/routes$/);
    const row = page.getByTestId(`route-row-${routeName}`);
    await expect(row).toContainText(serviceName);
    await expect(row).toContainText('/e2e');

    // The write propagates to the gateway asynchronously (revision bump -> publish -> pull -> swap).
    await expect
      .poll(
        async () => {
          const res = await request.get(`${proxyUrl()}/e2e/hi`, { failOnStatusCode: false });
          return `${res.status()} ${await res.text()}`;
        },
        { timeout: 30_000, intervals: [250, 500, 1000] },
      )
      .toMatch(/^200 hello from upstream \//);

    // The nodes page shows the gateway that just applied this config, in sync.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gateway nodes' }).click();
    await expect(page.getByRole('table', { name: 'Gateway nodes' })).toBeVisible();
    await expect(page.getByText('In sync').first()).toBeVisible();
  });

  test('repeated wrong passwords are slowed down with a clear message; the real admin still signs in', async ({ page }) => {
    await page.goto(`${consoleUrl()}/`);
    await page.getByLabel('Username').fill(`intruder-${suffix}`);
    await page.getByLabel('Password').fill('not-the-password');
    const submit = page.getByRole('button', { name: 'Sign in', exact: true });
    await submit.click();
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    // a few free failures per account, then the control plane answers 429 with Retry-After
    await expect(async () => {
      await submit.click();
      await expect(page.getByRole('alert')).toContainText('too many failed sign-ins', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await signIn(page);
  });

  test('validation errors and a duplicate name are shown at the field', async ({ page }) => {
    await signIn(page);

    await createService(page, `bad-url-${suffix}`, 'ftp://example.com');
    const urlError = page.getByTestId('field-error-url');
    await expect(urlError).toBeVisible();
    await expect(urlError).toContainText('http(s)://');
    await expect(page.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/services\/new$/);

    // The shared schema accepts this URL; only the server knows the upstream does not exist, and
    // its 400 detail (path `url`) must land on the same field.
    await page.getByLabel('URL').fill(`upstream://missing-${suffix}`);
    await expect(urlError).toBeHidden();
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(urlError).toBeVisible();
    await expect(urlError).toContainText(`missing-${suffix}`);
    await expect(page.getByTestId('form-error')).toBeHidden();

    // Editing the field clears its error; a valid URL then reaches the server.
    const name = `dup-${suffix}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('URL').fill(upstreamUrl());
    await expect(urlError).toBeHidden();
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page.getByTestId(`service-row-${name}`)).toBeVisible();

    // Only the server knows about duplicates: its 409 names the field, so it is rendered at Name.
    await createService(page, name, upstreamUrl());
    await expect(page.getByTestId('field-error-name')).toBeVisible();
    await expect(page.getByTestId('form-error')).toBeHidden();
    await expect(page).toHaveURL(/\/services\/new$/);
  });
});
