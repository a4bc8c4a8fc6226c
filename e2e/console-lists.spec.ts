import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { consoleUrl, env, shot, signIn } from './console-session';
import { startUpstream } from '../test/harness/upstream';

const suffix = Date.now().toString(36);
/** A tenant of its own: the few hundred routes seeded here never crowd another spec's lists. */
const tenant = `lists-${suffix}`;
const ROUTES = 240;
const headers = () => ({ authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` });
const apiBase = () => `${consoleUrl()}/api/v1/tenants/${tenant}`;
const pad = (n: number) => String(n).padStart(3, '0');

/** lst-000..: even ones on service `even`, odd ones on `odd`; paths /lst-<suffix>/<n>. */
async function seed(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${consoleUrl()}/api/v1/tenants`, { headers: headers(), data: { slug: tenant, name: 'Lists' } })).status()).toBe(201);
  for (const name of ['even', 'odd']) {
    expect((await request.post(`${apiBase()}/services`, { headers: headers(), data: { name, url: env('AYA_E2E_UPSTREAM_URL') } })).status()).toBe(201);
  }
  const create = (n: number) =>
    request.post(`${apiBase()}/routes`, { headers: headers(), data: { name: `lst-${pad(n)}`, service: n % 2 === 0 ? 'even' : 'odd', paths: [`/lst-${suffix}/${pad(n)}`] } });
  for (let start = 0; start < ROUTES; start += 8) {
    const batch = await Promise.all(Array.from({ length: Math.min(8, ROUTES - start) }, (_, i) => create(start + i)));
    for (const res of batch) expect(res.status()).toBe(201);
  }
}

/** A self-signed certificate and key as PEM files, made with the `openssl` CLI. */
function pemFiles(cn: string): { dir: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-e2e-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', `/CN=${cn}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { dir, cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
}

const rowNames = (page: Page) => page.getByRole('table', { name: 'Routes' }).locator('tbody tr td:first-child').allTextContents();

test.describe('console lists and forms', () => {
  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    await seed(request);
  });

  test('routes: counted, searched by path, sorted by name both ways, paged and filtered by service', async ({ page }) => {
    await signIn(page);
    await page.goto(`${consoleUrl()}/console/t/${tenant}/routes`);
    const count = page.getByTestId('list-count');
    await expect(count).toHaveText(`1–50 of ${ROUTES}`);
    // newest first until a header is clicked (the seed's last batch of 8 is created concurrently)
    expect(Number((await rowNames(page))[0]?.slice(4))).toBeGreaterThanOrEqual(ROUTES - 8);

    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await expect(page.getByRole('button', { name: 'Sort by Name (ascending)' })).toBeVisible();
    await expect.poll(async () => (await rowNames(page)).slice(0, 2)).toEqual(['lst-000', 'lst-001']);
    await page.getByRole('button', { name: 'Sort by Name (ascending)' }).click();
    await expect.poll(async () => (await rowNames(page))[0]).toBe(`lst-${pad(ROUTES - 1)}`);

    await page.getByRole('button', { name: 'Next' }).click();
    await expect(count).toHaveText(`51–100 of ${ROUTES}`);
    await expect.poll(async () => (await rowNames(page))[0]).toBe(`lst-${pad(ROUTES - 51)}`);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(count).toHaveText(`1–50 of ${ROUTES}`);
    await expect(page.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await page.getByLabel('Search routes').fill(`/lst-${suffix}/007`);
    await expect(count).toHaveText('1–1 of 1');
    await expect(page.getByTestId('route-row-lst-007')).toBeVisible();
    await expect(page).toHaveURL(/q=%2Flst-/);
    await page.getByLabel('Search routes').fill('no-such-route');
    await expect(page.getByText('No routes match')).toBeVisible();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect(count).toHaveText(`1–50 of ${ROUTES}`);

    await page.getByLabel('Service').selectOption({ label: 'odd' });
    await expect(count).toHaveText(`1–50 of ${ROUTES / 2}`);
    expect((await rowNames(page)).every((n) => Number(n.slice(4)) % 2 === 1)).toBe(true);

    // the header row stays in view while the table scrolls
    const table = page.locator('.list-scroll .table-wrap');
    await table.evaluate((el) => el.scrollTo(0, 600));
    const header = page.getByRole('table', { name: 'Routes' }).locator('thead th').first();
    const [wrapTop, headerTop] = await Promise.all([table.evaluate((el) => el.getBoundingClientRect().top), header.evaluate((el) => el.getBoundingClientRect().top)]);
    expect(Math.abs(headerTop - wrapTop)).toBeLessThan(3);
    await shot(page, 'routes-list-filtered');

    // phone width: the page never scrolls sideways, the search and the pager stay usable
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(count).toHaveText(`1–50 of ${ROUTES / 2}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(count).toHaveText(`51–100 of ${ROUTES / 2}`);
    await shot(page, 'routes-list-phone');
  });

  test('route traffic rules as forms: a split and a rewrite made in the form are served by the gateway', async ({ page, request }) => {
    // tr-b on an upstream of its own (a real server in this test): its answer says which service got the request
    const other = await startUpstream('split-b');
    for (const [name, url] of [['tr-a', env('AYA_E2E_UPSTREAM_URL')], ['tr-b', other.url]]) {
      expect((await request.post(`${apiBase()}/services`, { headers: headers(), data: { name, url } })).status()).toBe(201);
    }
    try {
      await signIn(page);
      await page.goto(`${consoleUrl()}/console/t/${tenant}/routes/new`);
      await page.getByLabel('Name').fill(`tr-${suffix}`);
      await page.getByLabel('Service').selectOption('tr-a');
      await page.getByLabel('Path 1').fill(`/tr-${suffix}`);
      await page.getByRole('button', { name: 'Advanced' }).click();

      // a split row with no service is refused at its field, then all traffic goes to tr-b
      const split = page.getByTestId('rule-split');
      await split.getByRole('button', { name: '+ Add service' }).click();
      await page.getByRole('button', { name: 'Create route' }).click();
      await expect(page.getByTestId('field-error-split.services.0.service')).toBeVisible();
      await split.getByLabel('Split service 1').selectOption('tr-b');
      await split.getByLabel('Split weight 1').fill('10');
      const rewrite = page.getByTestId('rule-rewrite');
      // after Strip path (on by default): /tr-…/old/x reaches the service as /old/x
      await rewrite.getByLabel('Rewrite pattern').fill('^/old/(.*)$');
      await rewrite.getByLabel('Rewrite to').fill('/new/$1');
      // the JSON view shows what the form built
      await rewrite.getByLabel('JSON', { exact: true }).check();
      await expect(rewrite.getByLabel('Path rewrite (JSON)')).toHaveValue(/"replacement": "\/new\/\$1"/);
      await rewrite.getByLabel('JSON', { exact: true }).uncheck();
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'route-traffic-rules-phone');
      await page.getByRole('button', { name: 'Create route' }).click();
      await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}/routes$`));

      const stored = await request.get(`${apiBase()}/routes/tr-${suffix}`, { headers: headers() });
      expect(await stored.json()).toMatchObject({ split: { services: [{ weight: 10 }] }, rewrite: { regex: '^/old/(.*)$', replacement: '/new/$1' } });
      // the real gateway, over a real socket: split to tr-b, path rewritten
      await expect
        .poll(async () => (await request.get(`${env('AYA_E2E_PROXY_URL')}/tr-${suffix}/old/x`, { failOnStatusCode: false })).text(), { timeout: 20_000 })
        .toBe('hello from split-b /new/x');

      // the edit form reads the stored rules back into their fields
      await page.getByRole('link', { name: `Edit route tr-${suffix}` }).click();
      await page.getByRole('button', { name: 'Advanced' }).click();
      await expect(page.getByLabel('Split service 1')).toHaveValue('tr-b');
      await expect(page.getByLabel('Rewrite to')).toHaveValue('/new/$1');
    } finally {
      await other.close();
    }
  });

  test('upstreams: the form keeps its blank target on an empty submit, warns about duplicates and all-zero weights; the list shows health', async ({ page }) => {
    await signIn(page);
    await page.goto(`${consoleUrl()}/console/t/${tenant}/upstreams/new`);
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page.getByTestId('field-error-name')).toBeVisible();
    await expect(page.getByLabel('Target 1')).toBeVisible();

    await page.getByLabel('Name').fill(`pool-${suffix}`);
    await page.getByLabel('Target 1').fill('a.internal:8080');
    await page.getByRole('button', { name: '+ Add target' }).click();
    await page.getByLabel('Target 2').fill('A.internal:8080');
    await expect(page.getByTestId('field-warning-targets.1.target')).toContainText('row 1');
    await page.getByLabel('Weight 1').fill('0');
    await page.getByLabel('Weight 2').fill('0');
    await expect(page.getByTestId('field-warning-targets')).toContainText('Every weight is 0');
    // a duplicate is refused at its row on submit
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page.getByTestId('field-error-targets.1.target')).toBeVisible();
    await page.getByLabel('Target 2').fill('b.internal:8080');
    await page.getByLabel('Weight 2').fill('10');
    await expect(page.getByTestId('field-warning-targets')).toBeHidden();
    await page.getByRole('button', { name: 'Create upstream' }).click();

    await expect(page).toHaveURL(new RegExp(`/console/t/${tenant}/upstreams$`));
    await expect(page.getByTestId(`upstream-row-pool-${suffix}`)).toBeVisible();
    // what the real gateway reports (passively healthy: no request has failed), polled by the list
    await expect(page.getByTestId(`upstream-health-pool-${suffix}`)).toHaveText('Healthy (2)', { timeout: 30_000 });
    await page.getByLabel('Search upstreams').fill('B.INTERNAL');
    await expect(page.getByTestId('list-count')).toHaveText('1–1 of 1');

    // the detail chart starts from the history the control plane keeps from heartbeats: a reload keeps it
    await page.getByRole('link', { name: `pool-${suffix}`, exact: true }).click();
    const chart = page.getByTestId('health-chart-a.internal:8080');
    const samples = async () => Number(await chart.getAttribute('data-samples'));
    await expect.poll(samples, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const before = await samples();
    await page.reload();
    await expect(chart).toBeVisible();
    // read once, not polled: the first answer after the reload already carries the past samples
    expect(await samples()).toBeGreaterThanOrEqual(before);
    await shot(page, 'upstream-health-history');
  });

  test('consumers, consumer groups and plugins: searched, sorted, filtered and paged by the API', async ({ page, request }) => {
    test.setTimeout(180_000);
    const post = async (path: string, data: object) => expect((await request.post(`${apiBase()}/${path}`, { headers: headers(), data })).status()).toBe(201);
    const CONSUMERS = 60;
    for (let start = 0; start < CONSUMERS; start += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => post('consumers', { username: `app-${pad(start + i)}`, customId: `crm-${start + i}` })));
    }
    await post('consumer-groups', { name: 'partners', description: 'paying partners' });
    await post('consumer-groups', { name: 'internal', description: 'our own apps' });
    await post('plugins', { name: 'cors', config: {} });
    await post('plugins', { name: 'cors', config: {}, service: 'even' });
    await post('plugins', { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 5 }] }, route: 'lst-001' });
    await post('plugins', { name: 'rate-limit', config: { limits: [{ window: 'minute', limit: 50 }] }, route: 'lst-002', consumer: 'app-007' });

    await signIn(page);
    await page.goto(`${consoleUrl()}/console/t/${tenant}/consumers`);
    const count = page.getByTestId('list-count');
    const names = (label: string) => page.getByRole('table', { name: label }).locator('tbody tr td:first-child').allTextContents();
    await expect(count).toHaveText(`1–50 of ${CONSUMERS}`);
    await page.getByRole('button', { name: 'Sort by Username' }).click();
    await expect.poll(async () => (await names('Consumers')).slice(0, 2)).toEqual(['app-000', 'app-001']);
    await page.getByRole('button', { name: 'Sort by Username (ascending)' }).click();
    await expect.poll(async () => (await names('Consumers'))[0]).toBe(`app-${pad(CONSUMERS - 1)}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(count).toHaveText(`51–${CONSUMERS} of ${CONSUMERS}`);
    await expect.poll(async () => (await names('Consumers'))[0]).toBe('app-009');
    await page.getByLabel('Search consumers').fill('CRM-42');
    await expect(count).toHaveText('1–1 of 1');
    await expect(page.getByTestId('consumer-row-app-042')).toBeVisible();
    await expect(page).toHaveURL(/q=CRM-42/);

    await page.goto(`${consoleUrl()}/console/t/${tenant}/consumer-groups`);
    await expect(count).toHaveText('1–2 of 2');
    await page.getByLabel('Search consumer groups').fill('paying');
    await expect(count).toHaveText('1–1 of 1');
    await expect(page.getByTestId('consumer group-row-partners')).toBeVisible();

    await page.goto(`${consoleUrl()}/console/t/${tenant}/plugins`);
    await expect(count).toHaveText('1–4 of 4');
    await page.getByLabel('Plugin', { exact: true }).selectOption('rate-limit');
    await expect(count).toHaveText('1–2 of 2');
    await page.getByLabel('Applies to').selectOption({ label: 'On a consumer' });
    await expect(count).toHaveText('1–1 of 1');
    await expect(page.getByTestId('plugin-row-rate-limit')).toContainText('consumer app-007');
    await page.getByLabel('Plugin', { exact: true }).selectOption('');
    await page.getByLabel('Applies to').selectOption({ label: 'Global' });
    await expect(count).toHaveText('1–1 of 1');
    await expect(page.getByTestId('plugin-row-cors')).toContainText('global');
    await page.getByLabel('Applies to').selectOption('');
    await page.getByRole('button', { name: 'Sort by Plugin' }).click();
    await expect.poll(async () => names('Plugins')).toEqual(['cors', 'cors', 'rate-limit', 'rate-limit']);
    await page.getByRole('button', { name: 'Sort by Plugin (ascending)' }).click();
    await expect.poll(async () => (await names('Plugins'))[0]).toBe('rate-limit');
    await shot(page, 'plugins-list-sorted');
  });

  test('certificates: PEM upload, SNIs without a key refused at the key, detail and replace', async ({ page }) => {
    const first = pemFiles(`cert-${suffix}.test`);
    const renewed = pemFiles(`cert-${suffix}.test`);
    try {
        await signIn(page);
        await page.goto(`${consoleUrl()}/console/t/${tenant}/certificates/new`);
        await page.getByLabel('Upload certificate file…').setInputFiles(first.cert);
        await expect(page.getByLabel('Certificate (PEM)')).toHaveValue(/BEGIN CERTIFICATE/);
        await expect(page.getByText(`Reads as cert-${suffix}.test`)).toBeVisible();
        await page.getByLabel('SNI 1').fill(`cert-${suffix}.test`);
        await page.getByRole('button', { name: 'Create certificate' }).click();
        await expect(page.getByTestId('field-error-key')).toContainText('needs its private key');

        await page.getByLabel('Upload key file…').setInputFiles(first.key);
        await expect(page.getByLabel('Private key (PEM)')).toHaveValue(/PRIVATE KEY/);
        await page.getByRole('button', { name: 'Create certificate' }).click();
        const row = page.getByTestId(`certificate-row-cert-${suffix}.test`);
        await expect(row).toContainText('stored encrypted');

        await row.getByRole('link', { name: `Certificate cert-${suffix}.test`, exact: true }).click();
        await expect(page.getByRole('heading', { name: `Certificate cert-${suffix}.test` })).toBeVisible();
        await expect(page.getByTestId('certificate-pem')).toContainText(fs.readFileSync(first.cert, 'utf8').split('\n')[1] ?? '');

        // renewal: a new chain and its key, one more SNI; the id (what services point at) stays
        const id = page.url().split('/').at(-1);
        await page.getByRole('link', { name: 'Replace' }).click();
        await page.getByLabel('Upload certificate file…').setInputFiles(renewed.cert);
        // the stored key does not match the new chain: refused at the key by the control plane
        await page.getByRole('button', { name: 'Replace certificate' }).click();
        await expect(page.getByTestId('field-error-key')).toContainText('does not match');
        await page.getByLabel('Upload key file…').setInputFiles(renewed.key);
        await page.getByRole('button', { name: '+ Add sni' }).click();
        await page.getByLabel('SNI 2').fill(`www.cert-${suffix}.test`);
        await page.getByRole('button', { name: 'Replace certificate' }).click();
        await expect(page).toHaveURL(new RegExp(`/certificates/${id}$`));
        await expect(page.getByTestId('certificate-detail')).toContainText(`www.cert-${suffix}.test`);
        await expect(page.getByTestId('certificate-pem')).toContainText(fs.readFileSync(renewed.cert, 'utf8').split('\n')[1] ?? '');
    } finally {
      for (const d of [first.dir, renewed.dir]) fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
