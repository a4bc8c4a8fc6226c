import http from 'node:http';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, randomToken, startControlPlane, type ControlPlane } from '../../../../test/harness';

// Sign-in backoff over real sockets from several client addresses (127.0.0.0/8 is all loopback on Linux), with its
// state in Postgres: it survives a restart of the control plane.
let cp: ControlPlane;
let databaseUrl: string;
let password: string;
const metricsToken = randomToken();
const ATTACKER = '127.0.0.2';
const start = (url: string) => startControlPlane({ databaseUrl: url, env: { AYA_METRICS_TOKEN: metricsToken } });

beforeAll(async () => {
  databaseUrl = await createDatabase();
  cp = await start(databaseUrl);
  password = cp.initialAdminPassword as string;
  expect(password).toBeTruthy();
});
afterAll(async () => {
  expect(await cp?.stop()).toBe(0);
});

interface Answer {
  status: number;
  retryAfter?: number;
  code?: string;
}

function request(path: string, opts: { method?: string; from?: string; token?: string; body?: unknown }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = opts.body === undefined ? {} : { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const req = http.request(`${cp.url}${path}`, { method: opts.method ?? 'GET', headers, localAddress: opts.from ?? '127.0.0.1' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

async function login(from: string, username: string, pw: string): Promise<Answer> {
  const res = await request('/api/v1/auth/login', { method: 'POST', from, body: { username, password: pw } });
  const retry = res.headers['retry-after'];
  return {
    status: res.status,
    retryAfter: retry === undefined ? undefined : Number(retry),
    code: res.status === 200 ? undefined : (JSON.parse(res.text) as { error: { code: string } }).error.code,
  };
}

async function loginCounts(): Promise<Record<string, number>> {
  const res = await request('/metrics', { token: metricsToken });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  expect(res.text).toContain('process_cpu_seconds_total'); // the default Node metrics
  return Object.fromEntries([...res.text.matchAll(/^aya_cp_login_attempts_total\{result="(\w+)"\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

const tally = (answers: Answer[]) => ({
  invalid: answers.filter((a) => a.status === 401).length,
  throttled: answers.filter((a) => a.status === 429).length,
  ok: answers.filter((a) => a.status === 200).length,
});

describe('sign-in throttling', () => {
  it('backs off an account and an address, lets a clean address in, counts it all and survives a restart', async () => {
    const seen: Answer[] = [];
    // 50 wrong passwords in a row from one address: the free failures are 401, then 429 with Retry-After
    const burst: Answer[] = [];
    for (let i = 0; i < 50; i++) burst.push(await login(ATTACKER, 'admin', `wrong-${i}`));
    seen.push(...burst);
    expect(burst.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(burst[5]).toEqual({ status: 429, retryAfter: expect.any(Number), code: 'AYA_CP_TOO_MANY_ATTEMPTS' });
    expect(tally(burst).throttled).toBeGreaterThanOrEqual(40);
    for (const a of burst.filter((b) => b.status === 429)) expect(a.retryAfter).toBeGreaterThanOrEqual(1);
    for (const a of burst.filter((b) => b.status === 429)) expect(a.retryAfter).toBeLessThanOrEqual(60); // the account cap

    // the same address failing on other usernames: its own lock, whatever account it tries next
    const ghosts: Answer[] = [];
    for (let i = 0; i < 10 && ghosts[ghosts.length - 1]?.status !== 429; i++) ghosts.push(await login(ATTACKER, `ghost-${i}`, 'x'));
    seen.push(...ghosts);
    expect(ghosts[ghosts.length - 1].status).toBe(429);
    const fresh = await login(ATTACKER, 'never-tried', 'x');
    seen.push(fresh);
    expect([fresh.status, fresh.code]).toEqual([429, 'AYA_CP_TOO_MANY_ATTEMPTS']);

    // clean addresses get their guess past the account's lock (and then count as failed: held back like the rest)
    for (const from of ['127.0.0.3', '127.0.0.4']) {
      const guess = await login(from, 'admin', 'still-wrong');
      seen.push(guess);
      expect(guess.status).toBe(401);
      const right = await login(from, 'admin', password);
      seen.push(right);
      expect(right.status).toBe(429);
    }
    expect(await loginCounts()).toEqual(tally(seen)); // ok: 0, no right password got through yet

    // the state is in Postgres: a restarted control plane keeps the account locked for the addresses that failed
    expect(await cp.stop()).toBe(0);
    cp = await start(databaseUrl);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT failures, locked_until > now() AS locked FROM login_throttles WHERE kind = 'account' AND key = 'admin'`);
      expect(rows).toEqual([{ failures: expect.any(Number), locked: true }]);
      const after: Answer[] = [await login('127.0.0.3', 'admin', password), await login(ATTACKER, 'admin', password)];
      expect(after.map((a) => [a.status, a.code])).toEqual([[429, 'AYA_CP_TOO_MANY_ATTEMPTS'], [429, 'AYA_CP_TOO_MANY_ATTEMPTS']]);

      // the real admin on an address that has not failed signs in during the lockout; the account starts over
      const admin = await login('127.0.0.1', 'admin', password);
      expect(admin.status).toBe(200);
      after.push(admin);
      expect((await db.query(`SELECT 1 FROM login_throttles WHERE kind = 'account' AND key = 'admin'`)).rowCount).toBe(0);
      expect(await loginCounts()).toEqual(tally(after));
    } finally {
      await db.end();
    }
  });

  it('serves /metrics to its token or an admin, to nobody else; the metrics token opens nothing else', async () => {
    expect((await request('/metrics', {})).status).toBe(401);
    expect((await request('/metrics', { token: cp.clusterToken })).status).toBe(401);
    expect((await request('/metrics', { token: cp.adminToken })).status).toBe(200);
    expect((await request('/api/v1/tenants', { token: metricsToken })).status).toBe(401);
  });
});
