import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { env, nav, shot, signIn } from './console-session';

const suffix = Date.now().toString(36);

/** A self-signed EC certificate for `cn` made with the openssl CLI (node:crypto cannot issue X.509). */
function selfSigned(cn: string): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aya-e2e-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '90', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}`], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('console traffic management', () => {
  test('an upstream with an active health check turns healthy, and an algorithm edit keeps the check', async ({ page }) => {
    const name = `e2e-pool-${suffix}`;
    const target = new URL(env('AYA_E2E_UPSTREAM_URL')).host;
    await signIn(page);

    await nav(page, 'Upstreams');
    await page.getByRole('link', { name: 'New upstream' }).first().click();
    // the list's own controls ("Sort by Name", "Edit service …-name-…") also match 'Name' until the form is up
    await expect(page).toHaveURL(/\/upstreams\/new$/);
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Target 1').fill(target);
    await page.getByRole('switch', { name: 'Active health checks' }).check();
    // HTTPS probes bring their TLS settings; this target speaks plain HTTP, so back to HTTP.
    await page.getByLabel('Probe type').selectOption('https');
    await expect(page.getByLabel("Verify the target's certificate")).toBeChecked();
    await expect(page.getByLabel('TLS server name')).toBeVisible();
    await page.getByLabel('Probe type').selectOption('http');
    await expect(page.getByLabel('TLS server name')).toBeHidden();
    // A bad probe path is refused at its nested field before anything is sent.
    await page.getByLabel('Probe path').fill('healthz');
    await page.getByLabel('Interval (ms)').fill('1000');
    await page.getByLabel('Healthy after', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page.getByTestId('field-error-healthChecks.active.path')).toBeVisible();
    await page.getByLabel('Probe path').fill('/');
    await expect(page.getByTestId('field-error-healthChecks.active.path')).toBeHidden();
    await shot(page, 'upstream-form');
    await page.getByRole('button', { name: 'Create upstream' }).click();
    await expect(page).toHaveURL(/\/upstreams$/);

    // The name opens the detail page; its health panel polls until the gateway's probes report in.
    await page.getByTestId(`upstream-row-${name}`).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Upstream ${name}` })).toBeVisible();
    await expect(page.getByTestId(`target-state-${target}`)).toContainText('Healthy', { timeout: 45_000 });
    await expect(page.getByTestId(`health-chart-${target}`)).toBeVisible();
    await expect(page.getByTestId('upstream-summary-active-checks')).toContainText('GET / every 1 s');
    await page.waitForTimeout(4_000); // a few more polls so the screenshot has a chart
    await shot(page, 'upstream-detail');

    // Edit only the algorithm: the console PATCHes just that field.
    await page.getByRole('link', { name: 'Edit upstream' }).click();
    await expect(page.getByRole('switch', { name: 'Active health checks' })).toBeChecked();
    await page.getByLabel('Algorithm').selectOption('least-connections');
    const write = page.waitForRequest((r) => r.url().includes('/upstreams/') && ['PATCH', 'PUT'].includes(r.method()));
    await page.getByRole('button', { name: 'Save changes' }).click();
    const sent = await write;
    expect(sent.method()).toBe('PATCH');
    expect(sent.postDataJSON()).toEqual({ algorithm: 'least-connections' });
    await expect(page).toHaveURL(/\/upstreams$/);

    await page.getByTestId(`upstream-row-${name}`).getByRole('link', { name, exact: true }).click();
    await expect(page.getByTestId('upstream-summary-algorithm')).toContainText('Least connections');
    await expect(page.getByTestId('upstream-summary-active-checks')).toContainText('GET / every 1 s');
    await expect(page.getByTestId(`target-state-${target}`)).toContainText('Healthy');
  });

  test('certificates: a CA bundle (SNIs without a key refused at the key), picked in a service, deleted with confirm; then one with SNIs and its key', async ({ page }) => {
    const sni = `e2e-${suffix}.example.test`;
    const pem = selfSigned(sni);
    await signIn(page);

    // Without a key (a CA bundle): works on any control plane, whatever its AYA_SECRET_KEY. SNIs need the key
    // (a certificate served by SNI without one would never be served): refused at the key field.
    await nav(page, 'Certificates');
    await page.getByRole('link', { name: 'New certificate' }).first().click();
    await page.getByLabel('Certificate (PEM)').fill(pem.cert);
    await expect(page.getByText(`Reads as ${sni}`)).toBeVisible();
    await page.getByLabel('SNI 1').fill(sni);
    await page.getByRole('button', { name: 'Create certificate' }).click();
    await expect(page.getByTestId('field-error-key')).toBeVisible();
    await page.getByLabel('SNI 1').fill('');
    await page.getByRole('button', { name: 'Create certificate' }).click();
    await expect(page).toHaveURL(/\/certificates$/);
    // no SNIs: the row is called by the certificate's id, its subject still reads as the CN
    const caRow = page.getByRole('row').filter({ hasText: sni });
    await expect(caRow).toContainText('none (CA)');
    const caId = (await caRow.getByRole('link').first().getAttribute('href'))?.split('/').at(-1) ?? '';
    await shot(page, 'certificates');

    // The service form's Advanced section offers it as a trusted CA.
    await nav(page, 'Services');
    await page.getByRole('link', { name: 'New service' }).first().click();
    await page.getByLabel('URL').fill('https://secure.example.test:8443');
    await page.getByRole('button', { name: 'Advanced' }).click();
    await expect(page.getByLabel('Trusted CA').locator('option', { hasText: `certificate ${caId.slice(0, 8)}` })).toHaveCount(1);
    await shot(page, 'service-advanced');

    await nav(page, 'Certificates');
    // the service form has an unsaved URL: the guard asks first
    await page.getByRole('dialog').getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('button', { name: `Delete certificate ${caId}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(caRow).toBeHidden();
    const row = page.getByTestId(`certificate-row-${sni}`);

    // With a key: stored encrypted, never shown. Needs AYA_SECRET_KEY on the control plane.
    await page.getByRole('link', { name: 'New certificate' }).first().click();
    await page.getByLabel('Certificate (PEM)').fill(pem.cert);
    await page.getByLabel('Private key (PEM)').fill(pem.key);
    await page.getByLabel('SNI 1').fill(sni);
    await page.getByRole('button', { name: 'Create certificate' }).click();
    const outcome = await Promise.race([
      page.waitForURL(/\/certificates$/).then(() => 'created' as const),
      page.getByTestId('form-error').waitFor().then(() => 'refused' as const),
    ]);
    if (outcome === 'refused') {
      await expect(page.getByTestId('form-error')).toContainText('AYA_SECRET_KEY');
      test.info().annotations.push({ type: 'skipped-part', description: 'keyed certificate: the control plane has no AYA_SECRET_KEY' });
      return;
    }
    await expect(row).toContainText('stored encrypted');
    await expect(row).not.toContainText('PRIVATE KEY');
  });

  test('route traffic JSON fields are checked with the contract schema at the field', async ({ page }) => {
    const service = `e2e-json-svc-${suffix}`;
    const route = `e2e-json-route-${suffix}`;
    await signIn(page);
    // sign-in lands on the home dashboard: the services list has the New service action
    await nav(page, 'Services');
    await page.getByRole('link', { name: 'New service' }).first().click();
    await expect(page).toHaveURL(/\/services\/new$/);
    await page.getByLabel('Name').fill(service);
    await page.getByLabel('URL').fill(env('AYA_E2E_UPSTREAM_URL'));
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page.getByTestId(`service-row-${service}`)).toBeVisible();

    await nav(page, 'Routes');
    await page.getByRole('link', { name: 'New route' }).first().click();
    await expect(page).toHaveURL(/\/routes\/new$/);
    await page.getByLabel('Name').fill(route);
    await page.getByLabel('Service').selectOption(service);
    await page.getByLabel('Path 1').fill(`/json-${suffix}`);
    await page.getByRole('button', { name: 'Advanced' }).click();
    await page.getByLabel('Priority').fill('5');
    // a traffic rule's JSON view stays: a 303 (not a redirect status the gateway sends) is refused at the field
    const redirect = page.getByTestId('rule-redirect');
    await redirect.getByLabel('JSON', { exact: true }).check();
    await redirect.getByLabel('Redirect (JSON)').fill('{"status": 303, "location": "/elsewhere"}');
    await expect(page.getByTestId('field-error-redirect')).toContainText('status');
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page).toHaveURL(/\/routes\/new$/);
    await redirect.getByLabel('Redirect (JSON)').fill('{"status": 308, "location": "/elsewhere"}');
    await expect(page.getByTestId('field-error-redirect')).toBeHidden();
    await page.getByRole('switch', { name: 'Response cache' }).check();
    await page.getByLabel('TTL (seconds)').fill('30');
    await shot(page, 'route-advanced');
    await page.getByRole('button', { name: 'Create route' }).click();
    await expect(page).toHaveURL(/\/routes$/);

    // Edit shows what was stored, and an unrelated edit keeps it.
    await page.getByRole('link', { name: `Edit route ${route}` }).click();
    await page.getByRole('button', { name: 'Advanced' }).click();
    await expect(page.getByLabel('Priority')).toHaveValue('5');
    await expect(page.getByLabel('Redirect status')).toHaveValue('308');
    await expect(page.getByLabel('Redirect to')).toHaveValue('/elsewhere');
    await expect(page.getByRole('switch', { name: 'Response cache' })).toBeChecked();
  });
});
