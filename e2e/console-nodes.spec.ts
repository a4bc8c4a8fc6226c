import { expect, test, type APIRequestContext } from '@playwright/test';
import type { GatewayNode } from '@aya/config-schema';
import { consoleUrl, env, nav, shot, signIn } from './console-session';

/*
 * The gateway nodes page against the real gateway the global setup runs (one process, proxy on 127.0.0.1):
 * in sync, its version, workers, address and proxy URL, an uptime that moves while the page stays open
 * (polling), as a table at desktop width and as stacked rows on a phone, in light and dark.
 */

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

/** The setup's gateway, found by the proxy URL it reports. */
async function theGateway(request: APIRequestContext): Promise<GatewayNode> {
  let found: GatewayNode | undefined;
  await expect
    .poll(async () => {
      const res = await request.get(`${consoleUrl()}/api/v1/nodes`, { headers: { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` } });
      const { data } = (await res.json()) as { data: GatewayNode[] };
      found = data.find((n) => n.proxyUrls.includes(env('AYA_E2E_PROXY_URL')) && n.state === 'in-sync');
      return found !== undefined;
    }, { message: 'the setup gateway reports in sync with its proxy URL', timeout: 20_000 })
    .toBe(true);
  return found as GatewayNode;
}

for (const vp of VIEWPORTS) {
  test.describe(`gateway nodes at ${vp.width} px`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('shows the running gateway in sync with its version, workers, address and proxy URL, refreshed while open', async ({ page, request }) => {
      const gw = await theGateway(request);
      await signIn(page);
      if (vp.name === 'phone') await page.getByRole('button', { name: 'Open navigation' }).click();
      await nav(page, 'Gateway nodes');
      await expect(page).toHaveURL(/\/console\/t\/default\/nodes$/);

      const row = page.getByTestId(`node-row-${gw.id}`);
      await expect(row.getByTestId(`node-sync-${gw.id}`)).toHaveText('In sync');
      await expect(row).toContainText(gw.version);
      await expect(row).toContainText(gw.hostname);
      await expect(row).toContainText('127.0.0.1');
      await expect(row).toContainText(env('AYA_E2E_PROXY_URL'));
      const cell = (label: string) => row.locator(`td[data-label="${label}"]`);
      await expect(cell('Workers')).toHaveText('1');
      await expect(cell('Revision')).not.toContainText('behind');
      await expect(page.getByTestId('nodes-in-sync')).not.toContainText('…');
      await expect(page.getByTestId('nodes-stale')).toContainText('0');

      // the page polls: the uptime moves on without a reload
      const uptime = cell('Uptime');
      await expect(uptime).toHaveText(/^\d+[dhms]( \d+[dhms])?$/);
      const before = await uptime.textContent();
      await expect(uptime).not.toHaveText(before ?? '', { timeout: 15_000 });

      // a table at desktop width; on a phone each node is a block of label/value rows that fits the screen
      const display = await row.evaluate((tr) => getComputedStyle(tr).display);
      expect(display).toBe(vp.name === 'phone' ? 'block' : 'table-row');
      for (const theme of ['light', 'dark'] as const) {
        await page.evaluate((t) => window.localStorage.setItem('aya.console.theme', t), theme);
        await page.reload();
        await expect(row.getByTestId(`node-sync-${gw.id}`)).toHaveText('In sync');
        const dark = await page.evaluate(() => {
          const [r = 255, g = 255, b = 255] = (getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
          return (r + g + b) / 3 < 80;
        });
        expect(dark, `${theme} theme`).toBe(theme === 'dark');
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${theme}: the page is ${scrollWidth} px wide`).toBeLessThanOrEqual(vp.width);
        await shot(page, `nodes-${vp.name}-${theme}`);
      }
    });
  });
}

test.describe('gateway nodes that fall behind and stop reporting', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a node on an older revision is drifting (and by how much), then stale and folded away', async ({ page, request }) => {
    test.setTimeout(120_000);
    const admin = { authorization: `Bearer ${env('AYA_E2E_ADMIN_TOKEN')}` };
    const created = await request.post(`${consoleUrl()}/api/v1/tenants/default/services`, { headers: admin, data: { name: `nodes-${Date.now().toString(36)}`, url: env('AYA_E2E_UPSTREAM_URL') } });
    expect(created.status()).toBe(201);
    const { revision } = (await (await request.get(`${consoleUrl()}/api/v1/config/revision`, { headers: admin })).json()) as { revision: number };
    // one heartbeat as a gateway from before workers/startedAt/proxyUrls sends it, one revision behind, then silence
    const nodeId = `e2e-old-${Date.now().toString(36)}`;
    const heartbeat = await request.post(`${consoleUrl()}/internal/v1/nodes/heartbeat`, {
      headers: { authorization: `Bearer ${env('AYA_E2E_CLUSTER_TOKEN')}` },
      data: { nodeId, hostname: 'old-host', version: '0.0.9', revision: revision - 1, hash: 'older', stats: {} },
    });
    expect(heartbeat.status()).toBe(204);

    await signIn(page);
    await nav(page, 'Gateway nodes');
    const row = page.getByTestId(`node-row-${nodeId}`);
    await expect(row.getByTestId(`node-sync-${nodeId}`)).toHaveText('Drifting');
    await expect(row.locator('td[data-label="Revision"]')).toContainText(`${revision - 1} (1 behind)`);
    // what an older gateway does not report shows as a dash
    await expect(row.locator('td[data-label="Workers"]')).toHaveText('—');
    await expect(row.locator('td[data-label="Uptime"]')).toHaveText('—');
    await expect(page.getByTestId('nodes-drifting')).toContainText('1');
    await shot(page, 'nodes-drifting');

    // no heartbeat for the control plane's staleness limit (30 s): out of the main table, into the folded section
    const folded = page.getByRole('button', { name: /Stale nodes/ });
    await expect(folded).toBeVisible({ timeout: 60_000 });
    await expect(row).toBeHidden();
    await expect(page.getByTestId('nodes-stale')).toContainText('1');
    await folded.click();
    await expect(page.getByRole('table', { name: 'Stale gateway nodes' }).getByTestId(`node-sync-${nodeId}`)).toHaveText('Stale');
    await shot(page, 'nodes-stale');
  });
});
