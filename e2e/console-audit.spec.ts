import { expect, test, type Page } from '@playwright/test';
import { consoleUrl, env, nav, shot, signIn } from './console-session';

const suffix = Date.now().toString(36);

/** The audit table's rows, newest first. */
const auditRows = (page: Page) => page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');

test.describe('console audit log', () => {
  test('a change made in the console is at the top of the audit log with its diff; filters narrow it; fits a phone', async ({ page }) => {
    const name = `e2e-audit-pool-${suffix}`;
    const target = new URL(env('AYA_E2E_UPSTREAM_URL')).host;
    await signIn(page);

    // A change through the console: a new upstream, then its target's weight 100 -> 5.
    await nav(page, 'Upstreams');
    await page.getByRole('link', { name: 'New upstream' }).first().click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Target 1').fill(target);
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page).toHaveURL(/\/upstreams$/);
    await page.getByTestId(`upstream-row-${name}`).getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name: 'Edit upstream' }).click();
    await page.getByLabel('Weight 1').fill('5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/upstreams$/);

    // Newest first: the edit, then the create, both by the signed-in admin.
    await nav(page, 'Audit log');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const newest = auditRows(page).first();
    await expect(newest).toContainText('update');
    await expect(newest).toContainText(`upstream ${name}`);
    await expect(newest).toContainText('admin');
    await expect(newest).toContainText(/now|second/);
    await expect(auditRows(page).nth(1)).toContainText('create');
    await expect(auditRows(page).nth(1)).toContainText(name);

    // Its detail: who, from where, and the changed field highlighted with its old and new value.
    await newest.getByRole('button', { name: /^Details of update upstream/ }).click();
    const detail = page.getByRole('dialog');
    await expect(detail).toContainText(`update upstream ${name}`);
    await expect(detail).toContainText('signed-in user');
    const weight = detail.getByTestId('audit-change-targets[0].weight');
    await expect(weight).toContainText('changed');
    await expect(weight.getByLabel('before: 100')).toBeVisible();
    await expect(weight.getByLabel('after: 5')).toBeVisible();
    await expect(weight).toHaveClass(/audit-change-change/);
    // highlighted: a tinted background, unlike the page
    expect(await weight.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await shot(page, 'audit-detail');
    await detail.getByRole('button', { name: 'Close' }).click();
    await expect(detail).toBeHidden();

    // Filters live in the URL: upstreams only, then an actor nobody is.
    await page.getByLabel('Resource').selectOption('upstream');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/[?&]resource=upstream/);
    await expect(auditRows(page).first()).toContainText(name);
    for (const text of await auditRows(page).allTextContents()) expect(text).toContain('upstream');
    await page.getByLabel('Actor').fill('nobody-at-all');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('No entry matches these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(auditRows(page).first()).toContainText(name);

    // A time range that ends before the change hides it; an end before the start is refused at the field.
    await page.getByLabel('To', { exact: true }).fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('No entry matches these filters')).toBeVisible();
    await page.getByLabel('From', { exact: true }).fill('2020-02-01T00:00');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('field-error-until')).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();

    // Phone width: no sideways scrolling, and the detail dialog fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${consoleUrl()}/console/t/default/audit`);
    await expect(auditRows(page).first()).toContainText(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await auditRows(page).first().getByRole('button', { name: /^Details of/ }).click();
    const box = await page.getByRole('dialog').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(390);
    await shot(page, 'audit-phone');
  });
});
