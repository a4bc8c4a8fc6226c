import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botDetectionConfigSchema } from '@aya/config-schema';
import type { GatewayHandle } from '../../gateway';
import { route, service, startUpstream, tempDir, writeSnapshotFile, type TestUpstream } from '../../testing/fixtures';
import { startOfflineGateway } from '../../testing/offline-gateway';
import { plugin } from '../../testing/plugin-fixtures';
import { DEFAULT_BOT_RULES } from './rules';

let gw: GatewayHandle;
let up: TestUpstream;
let base: string;

async function statusOf(path: string, userAgent?: string): Promise<{ status: number; code: string | undefined }> {
  const res = await request(`${base}${path}`, { headers: userAgent === undefined ? {} : { 'user-agent': userAgent } });
  const body = (await res.body.json()) as { error?: { code: string } };
  return { status: res.statusCode, code: body.error?.code };
}

beforeAll(async () => {
  up = await startUpstream('up');
  const dataDir = await tempDir();
  await writeSnapshotFile(dataDir, 1, {
    services: [service('svc', { host: '127.0.0.1', port: up.port })],
    routes: [route('r-default', 'svc', ['/default']), route('r-custom', 'svc', ['/custom']), route('r-open', 'svc', ['/open']), route('r-unsafe', 'svc', ['/unsafe'])],
    upstreams: [],
    plugins: [
      plugin('p-default', 'bot-detection', botDetectionConfigSchema.parse({}), { routeId: 'r-default' }),
      // stored before rules were checked for backtracking (an older snapshot), so not parsed here
      plugin('p-unsafe', 'bot-detection', { allow: [], deny: ['^(a+)+$'], useDefaultRules: false }, { routeId: 'r-unsafe' }),
      plugin('p-custom', 'bot-detection', botDetectionConfigSchema.parse({ deny: ['BadBot', '^Evil/\\d'], allow: ['^curl/7\\.1'], useDefaultRules: true }), { routeId: 'r-custom' }),
    ],
  });
  gw = await startOfflineGateway(dataDir);
  base = `http://127.0.0.1:${gw.proxyPort}`;
});

afterAll(async () => {
  await gw?.stop();
  await up?.close();
});

describe('bot-detection', () => {
  it('denies the built-in list with 403 AYA_GW_FORBIDDEN and lets browsers and UA-less requests through', async () => {
    for (const ua of ['curl/8.5.0', 'python-requests/2.31', 'sqlmap/1.7 (https://sqlmap.org)', 'Wget/1.21']) {
      expect(await statusOf('/default', ua)).toEqual({ status: 403, code: 'AYA_GW_FORBIDDEN' });
    }
    expect((await statusOf('/default', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0')).status).toBe(200);
    expect((await statusOf('/default')).status).toBe(200);
  });

  it('denies configured rules as written and lets allow rules win', async () => {
    expect((await statusOf('/custom', 'Mozilla/5.0 BadBot/1.0')).status).toBe(403);
    expect((await statusOf('/custom', 'Evil/2')).status).toBe(403);
    // configured rules are case-sensitive
    expect((await statusOf('/custom', 'Mozilla/5.0 badbot/1.0')).status).toBe(200);
    // allowed although the built-in list denies curl
    expect((await statusOf('/custom', 'curl/7.12')).status).toBe(200);
    expect((await statusOf('/custom', 'curl/8.0')).status).toBe(403);
  });

  it('leaves routes without it alone', async () => {
    expect((await statusOf('/open', 'curl/8.5.0')).status).toBe(200);
  });

  it('refuses a rule that is not a regex, or one that can backtrack catastrophically, at write time', () => {
    expect(botDetectionConfigSchema.safeParse({ deny: ['(unclosed'] }).success).toBe(false);
    expect(botDetectionConfigSchema.safeParse({ deny: ['^(a+)+$'] }).success).toBe(false);
  });

  it('keeps its built-in list within the same rule check', () => {
    expect(botDetectionConfigSchema.safeParse({ deny: DEFAULT_BOT_RULES }).success).toBe(true);
  });

  it('fails closed on a stored rule that can backtrack catastrophically: 500 AYA_GW_PLUGIN_ERROR, never compiled', async () => {
    for (const ua of ['Mozilla/5.0', `${'a'.repeat(40)}!`]) expect(await statusOf('/unsafe', ua)).toEqual({ status: 500, code: 'AYA_GW_PLUGIN_ERROR' });
    expect((await statusOf('/open', `${'a'.repeat(40)}!`)).status).toBe(200);
  });
});
