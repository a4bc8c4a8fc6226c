import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { selfSigned } from '../apps/control-plane/src/certificates/test-certs.test-util';
import { consoleUrl, env, shot, signIn } from './console-session';

/*
 * The console's shell at phone and desktop width, in both themes: every page fits the screen (no sideways
 * scroll), its primary action is on screen, the navigation is reachable (a menu button on phones); plus the
 * toasts after a write, the unsaved-edit guard, a duplicate name at its field and the tenant switch.
 */

const suffix = Date.now().toString(36);
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

interface Fixture {
  serviceId: string;
  routeId: string;
  upstreamId: string;
  consumerId: string;
  groupId: string;
  pluginId: string;
}

async function post(request: APIRequestContext, path: string, data: object): Promise<{ id: string }> {
  const res = await request.post(`${consoleUrl()}/api/v1${path}`, { headers: { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` }, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as { id: string };
}

/** One resource of every kind, through the admin API, so every list has a row and every detail/edit page exists. */
async function createFixture(request: APIRequestContext): Promise<Fixture> {
  const t = '/tenants/default';
  const upstream = await post(request, `${t}/upstreams`, { name: `lay-pool-${suffix}`, targets: [{ target: '127.0.0.1:9', weight: 100 }] });
  const service = await post(request, `${t}/services`, { name: `lay-svc-with-a-rather-long-name-${suffix}`, url: env('AYA_E2E_UPSTREAM_URL') });
  const route = await post(request, `${t}/routes`, { name: `lay-route-${suffix}`, service: service.id, paths: [`/layout-${suffix}/a/very/long/path/that/could/push/the/table`] });
  const group = await post(request, `${t}/consumer-groups`, { name: `lay-group-${suffix}` });
  const consumer = await post(request, `${t}/consumers`, { username: `lay-app-${suffix}` });
  const plugin = await post(request, `${t}/plugins`, { name: 'cors', route: route.id, config: {} });
  await post(request, `${t}/certificates`, { cert: selfSigned(`lay-${suffix}.example.test`).cert });
  return { serviceId: service.id, routeId: route.id, upstreamId: upstream.id, consumerId: consumer.id, groupId: group.id, pluginId: plugin.id };
}

interface ConsolePage {
  path: string;
  /** the page's primary action: "New …" on a list, the submit button on a form, "Edit …" on a detail page */
  action?: (main: Locator) => Locator;
}

const newLink = (main: Locator) => main.getByRole('link', { name: /^(New|Add) / }).first();
const submit = (main: Locator) => main.locator('form button[type="submit"]').first();
const editLink = (main: Locator) => main.getByRole('link', { name: /^Edit / }).first();

function consolePages(f: Fixture): ConsolePage[] {
  return [
    { path: '' },
    { path: 'services', action: newLink },
    { path: 'services/new', action: submit },
    { path: `services/${f.serviceId}/edit`, action: submit },
    { path: 'routes', action: newLink },
    { path: 'routes/new', action: submit },
    { path: `routes/${f.routeId}/edit`, action: submit },
    { path: 'upstreams', action: newLink },
    { path: 'upstreams/new', action: submit },
    { path: `upstreams/${f.upstreamId}`, action: editLink },
    { path: `upstreams/${f.upstreamId}/edit`, action: submit },
    { path: 'certificates', action: newLink },
    { path: 'certificates/new', action: submit },
    { path: 'consumers', action: newLink },
    { path: 'consumers/new', action: submit },
    { path: `consumers/${f.consumerId}`, action: editLink },
    { path: `consumers/${f.consumerId}/edit`, action: submit },
    { path: 'consumer-groups', action: newLink },
    { path: 'consumer-groups/new', action: submit },
    { path: `consumer-groups/${f.groupId}/edit`, action: submit },
    { path: 'plugins', action: newLink },
    { path: 'plugins/new', action: submit },
    { path: `plugins/${f.pluginId}/edit`, action: submit },
    { path: 'nodes' },
    { path: 'history' },
    { path: 'audit' },
    { path: 'members', action: submit },
    { path: 'tokens', action: submit },
    { path: 'users', action: submit },
    { path: 'tenants', action: submit },
    { path: 'settings', action: submit },
    { path: 'account', action: submit },
  ];
}

const pageUrl = (path: string, tenant = 'default') => `${consoleUrl()}/console/t/${tenant}/${path}`;

async function expectFits(page: Page, width: number, what: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth <= width) return;
  // name the widest culprits, so a failure says what to fix
  const wide = await page.evaluate((w) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && out.length < 8) out.push(`${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')} right=${Math.round(r.right)}`);
    }
    return out;
  }, width);
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide on a ${width} px screen: ${wide.join(', ')}`).toBeLessThanOrEqual(width);
}

async function expectOnScreen(locator: Locator, width: number, what: string): Promise<void> {
  await expect(locator, what).toBeVisible();
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= width, `${what}: ${JSON.stringify(box)} is off a ${width} px screen`).toBe(true);
}

/** WCAG contrast of an element's text against the first opaque background behind it. */
async function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r ?? 0) + 0.7152 * ch(g ?? 0) + 0.0722 * ch(b ?? 0);
    };
    let bg: number[] = [];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c[3] ?? 0) > 0.9) {
        bg = c;
        break;
      }
    }
    if (bg.length === 0) bg = [255, 255, 255];
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

/** The theme switch's radios are visually hidden: pick by their label, as a user does. */
async function pickTheme(page: Page, name: string): Promise<void> {
  await page.getByTitle(`${name} theme`).click();
  await expect(page.getByRole('radio', { name })).toBeChecked();
}

async function bodyIsDark(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const [r = 255, g = 255, b = 255] = (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    return (r + g + b) / 3 < 80;
  });
}

test.describe('console layout, theme and feedback', () => {
  let fixture: Fixture;

  test.beforeAll(async ({ request }) => {
    fixture = await createFixture(request);
  });

  for (const vp of VIEWPORTS) {
    test(`every page fits ${vp.width} px, its primary action on screen, in light and dark`, async ({ page }) => {
      // 27 pages x 2 themes on a shared, busy machine: 180 s ran out at the last page
      test.setTimeout(300_000);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await signIn(page);
      for (const theme of ['light', 'dark'] as const) {
        await page.evaluate((t) => window.localStorage.setItem('aya.console.theme', t), theme);
        for (const p of consolePages(fixture)) {
          const what = `${theme} ${vp.name} /${p.path}`;
          await page.goto(pageUrl(p.path));
          const main = page.getByRole('main');
          await expect(main.getByRole('heading', { level: 1 }), what).toBeVisible();
          await expect(main.locator('.state-loading')).toHaveCount(0);
          expect(await bodyIsDark(page), what).toBe(theme === 'dark');
          await expectFits(page, vp.width, what);
          if (p.action) await expectOnScreen(p.action(main), vp.width, `${what} primary action`);
        }
        await shot(page, `layout-${vp.name}-${theme}`);
      }
    });
  }

  test('phone: the navigation sits behind a menu button and closes after a pick', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Routes', exact: true })).toBeHidden();
    const menu = page.getByRole('button', { name: 'Open navigation' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expectOnScreen(nav.getByRole('link', { name: 'Gateway nodes', exact: true }), 390, 'last nav link');
    await expectOnScreen(page.getByRole('radio', { name: 'Dark' }), 390, 'theme switch');
    await shot(page, 'layout-phone-menu');
    await nav.getByRole('link', { name: 'Routes', exact: true }).click();
    await expect(page).toHaveURL(/\/console\/t\/default\/routes$/);
    await expect(nav.getByRole('link', { name: 'Routes', exact: true })).toBeHidden();
    // Escape closes it too
    await menu.click();
    await expect(nav.getByRole('link', { name: 'Services', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'Services', exact: true })).toBeHidden();
  });

  test('desktop: every nav icon is drawn (svg), not a font glyph', async ({ page }) => {
    await signIn(page);
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await expect(links.first()).toBeVisible();
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < count; i++) await expect(links.nth(i).locator('svg')).toBeVisible();
  });

  test('theme: light, dark or system, remembered, readable in both', async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await signIn(page);
    await page.goto(pageUrl(`upstreams/${fixture.upstreamId}`));
    await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
    expect(await bodyIsDark(page)).toBe(false);

    // system follows the OS
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bodyIsDark(page)).toBe(true);

    // an explicit choice wins over the OS and survives a reload
    await pickTheme(page, 'Light');
    expect(await bodyIsDark(page)).toBe(false);
    await pickTheme(page, 'Dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(await bodyIsDark(page)).toBe(true);

    // readable: text against its background (WCAG AA for body text, 3:1 for large/secondary bits)
    for (const theme of ['dark', 'light'] as const) {
      await pickTheme(page, theme === 'dark' ? 'Dark' : 'Light');
      const checks: Array<[string, Locator, number]> = [
        ['title', page.getByRole('heading', { level: 1 }), 4.5],
        ['muted text', page.locator('.page-description, .muted').first(), 4.5],
        ['nav link', page.getByRole('navigation', { name: 'Main' }).getByRole('link').first(), 4.5],
        ['primary button', page.locator('.btn-primary').first(), 4.5],
      ];
      await page.goto(pageUrl('services'));
      checks.push(['table cell', page.locator('.table td').first(), 4.5], ['table header', page.locator('.table th').first(), 4.5]);
      for (const [what, locator, min] of checks) expect(await contrastOf(locator), `${theme} ${what}`).toBeGreaterThanOrEqual(min);

      await page.goto(pageUrl('nodes'));
      expect(await contrastOf(page.locator('.badge').first()), `${theme} status badge`).toBeGreaterThanOrEqual(4.5);

      await page.goto(pageUrl('services/new'));
      await page.getByRole('button', { name: 'Create service' }).click();
      expect(await contrastOf(page.getByTestId('field-error-name')), `${theme} field error`).toBeGreaterThanOrEqual(4.5);
      expect(await contrastOf(page.getByLabel('Name')), `${theme} input`).toBeGreaterThanOrEqual(4.5);
      await page.goto(pageUrl(`routes/${fixture.routeId}/edit`));
      expect(await contrastOf(page.locator('main .mono').first()), `${theme} id (monospace)`).toBeGreaterThanOrEqual(4.5);
      await page.goto(pageUrl('certificates/new'));
      const pem = page.locator('main textarea').first();
      await pem.fill('-----BEGIN CERTIFICATE-----');
      expect(await contrastOf(pem), `${theme} PEM text area`).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('a create answers with a toast that follows the write to the gateways; a duplicate name is refused at Name', async ({ page }) => {
    await signIn(page);
    const name = `lay-toast-${suffix}`;
    await page.goto(pageUrl('services/new'));

    // human validation text, not the schema's
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page.getByTestId('field-error-name')).toHaveText('Required');

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('URL').fill(env('AYA_E2E_UPSTREAM_URL'));
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page).toHaveURL(/\/services$/);
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: `Service ${name} created` });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText(/Applied on 1 of 1 gateway\./, { timeout: 30_000 });

    await page.goto(pageUrl('services/new'));
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('URL').fill(env('AYA_E2E_UPSTREAM_URL'));
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page.getByTestId('field-error-name')).toContainText('already taken');
    await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('form-error')).toBeHidden();

    // a delete from the list confirms with a toast too
    await page.getByLabel('Name').fill(`${name}-x`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services', exact: true }).click();
    await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click();
    await page.getByTestId(`service-row-${name}`).getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog', { name: 'Delete service?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.locator('[data-sonner-toast]').filter({ hasText: `Service ${name} deleted` })).toBeVisible();
  });

  test('leaving a form with unsaved edits asks first; an untouched form lets you go', async ({ page }) => {
    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await page.goto(pageUrl(`routes/${fixture.routeId}/edit`));
    await expect(page.getByLabel('Name')).toHaveValue(`lay-route-${suffix}`);
    await nav.getByRole('link', { name: 'Services', exact: true }).click();
    await expect(page).toHaveURL(/\/services$/);

    await page.goto(pageUrl(`plugins/${fixture.pluginId}/edit`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('cors');
    await nav.getByRole('link', { name: 'Routes', exact: true }).click();
    await expect(page).toHaveURL(/\/routes$/);

    await page.goto(pageUrl(`routes/${fixture.routeId}/edit`));
    await page.getByLabel('Name').fill(`lay-route-${suffix}-renamed`);
    await nav.getByRole('link', { name: 'Services', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/routes\/[^/]+\/edit$/);
    await expect(page.getByLabel('Name')).toHaveValue(`lay-route-${suffix}-renamed`);
    await nav.getByRole('link', { name: 'Services', exact: true }).click();
    await dialog.getByRole('button', { name: 'Leave' }).click();
    await expect(page).toHaveURL(/\/services$/);

    // a save moves on without asking
    await page.goto(pageUrl(`consumer-groups/${fixture.groupId}/edit`));
    await page.getByLabel('Description').fill('edited');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(/\/consumer-groups$/);
    await expect(page.locator('[data-sonner-toast]').filter({ hasText: `Consumer group lay-group-${suffix} saved` })).toBeVisible();
  });

  test('switching tenant keeps the page; a detail page falls back to its list', async ({ page, request }) => {
    const other = `lay-${suffix}`;
    await post(request, '/tenants', { slug: other, name: `Layout ${suffix}` });
    await signIn(page);
    await page.goto(pageUrl('routes/new'));
    await page.getByTestId('tenant-switcher').selectOption(other);
    await expect(page).toHaveURL(new RegExp(`/console/t/${other}/routes/new$`));
    await page.getByTestId('tenant-switcher').selectOption('default');
    await expect(page).toHaveURL(/\/console\/t\/default\/routes\/new$/);
    await page.goto(pageUrl(`upstreams/${fixture.upstreamId}`));
    await page.getByTestId('tenant-switcher').selectOption(other);
    await expect(page).toHaveURL(new RegExp(`/console/t/${other}/upstreams$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Upstreams');
  });
});
