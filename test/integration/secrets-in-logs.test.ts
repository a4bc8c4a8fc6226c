import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSigned } from '../../apps/control-plane/src/certificates/test-certs.test-util';
import {
  apiClient,
  createDatabase,
  eventually,
  freePort,
  startControlPlane,
  startGateway,
  startRedis,
  startUpstream,
  type ControlPlane,
  type Gateway,
  type RunningProcess,
  type TestRedis,
  type TestUpstream,
} from '../harness';

// Every secret a run is seeded with, or that passes through it, must stay out of every log line
// of every control plane and gateway process, in any encoding a logger might apply. The one
// exception is by design: the initial admin password, printed once by the first start.

const rand = (): string => randomBytes(12).toString('hex');
// characters that URL encoding, base64 and JSON escaping each change, so each form is distinct
const SPECIAL = '/+=&?%"';

/** The forms a secret may take in a log line: as is, URL-encoded, base64 (both alphabets), JSON-escaped. */
function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [...new Set([secret, encodeURIComponent(secret), b64, b64.replace(/=+$/, ''), Buffer.from(secret).toString('base64url'), JSON.stringify(secret).slice(1, -1)])];
}

/** A PEM leaks if any line of its base64 body shows up (also inside a JSON-escaped blob). */
function pemLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
}

interface Leak {
  process: string;
  secret: string;
  line: string;
}

function scan(processes: Record<string, RunningProcess>, secrets: Record<string, string[]>): Leak[] {
  const leaks: Leak[] = [];
  for (const [name, proc] of Object.entries(processes)) {
    for (const line of proc.logs().split('\n')) {
      for (const [secret, needles] of Object.entries(secrets)) {
        const hit = needles.find((n) => line.includes(n));
        // the line is reported with the secret masked: a failing run must not print it either
        if (hit) leaks.push({ process: name, secret, line: line.split(hit).join(`<${secret}>`) });
      }
    }
  }
  return leaks;
}

describe('secrets never reach a log line', () => {
  let redis: TestRedis;
  let upstream: TestUpstream;
  let cp: ControlPlane;
  let cp2: ControlPlane;
  let gw: Gateway;
  let strangerGw: Gateway;
  let databaseUrl: string;
  const seeded = {
    adminToken: `adm-${rand()}${SPECIAL}`,
    clusterToken: `cl-${rand()}${SPECIAL}`,
    secretKey: `key-${rand()}${rand()}${SPECIAL}`,
    redisPassword: `redis-${rand()}`,
    wrongPassword: `wrong-${rand()}${SPECIAL}`,
    wrongAdminToken: `nope-${rand()}${SPECIAL}`,
    wrongClusterToken: `stranger-${rand()}${SPECIAL}`,
    upstreamBearer: `bearer-${rand()}${SPECIAL}`,
    basicPassword: `basic-${rand()}`,
    cookie: `cookie-${rand()}`,
  };
  const certificate = selfSigned('secrets.example.test');
  const otherKey = selfSigned('other.example.test').key;
  const replacement = selfSigned('secrets.example.test');
  let sessionToken = '';

  beforeAll(async () => {
    databaseUrl = await createDatabase();
    redis = await startRedis({ password: seeded.redisPassword });
    upstream = await startUpstream('api');
    const common = { databaseUrl, redisUrl: redis.url, adminToken: seeded.adminToken, clusterToken: seeded.clusterToken, env: { AYA_SECRET_KEY: seeded.secretKey } };
    cp = await startControlPlane(common);
    // production runs two on one database: the second must not print the password again
    cp2 = await startControlPlane(common);
    gw = await startGateway({ controlPlaneUrl: cp.url, clusterToken: seeded.clusterToken, redisUrl: redis.url });
    // a gateway with the wrong cluster token: refused calls are errors on both sides
    strangerGw = await startGateway({ controlPlaneUrl: cp2.url, clusterToken: seeded.wrongClusterToken });
  });

  afterAll(async () => {
    await Promise.all([gw, strangerGw].map((g) => g?.stop()));
    await Promise.all([cp, cp2].map((c) => c?.stop()));
    await redis?.stop();
    await upstream?.close();
  });

  it('signs in with the printed password and refuses a wrong one and a wrong token', async () => {
    expect(cp.initialAdminPassword).toBeDefined();
    const anon = apiClient(cp.url);
    const ok = await anon<{ token: string }>('POST', '/api/v1/auth/login', { username: 'admin', password: cp.initialAdminPassword });
    expect(ok.status).toBe(200);
    sessionToken = ok.body.token;
    expect((await apiClient(cp2.url, sessionToken)('GET', '/api/v1/auth/me')).status).toBe(200);
    for (const username of ['admin', 'nobody']) {
      const bad = await anon('POST', '/api/v1/auth/login', { username, password: seeded.wrongPassword });
      expect([401, 429]).toContain(bad.status);
    }
    // a body the schema refuses (unknown field), and one that is not JSON, both carrying a secret
    expect((await anon('POST', '/api/v1/auth/login', { username: 'admin', password: seeded.wrongPassword, token: seeded.adminToken })).status).toBe(400);
    const notJson = await fetch(`${cp.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"password":"${seeded.wrongPassword}` });
    expect(notJson.status).toBe(400);
    expect((await apiClient(cp.url, seeded.wrongAdminToken)('GET', '/api/v1/tenants')).status).toBe(401);
    const internal = await fetch(`${cp.url}/internal/v1/config`, { headers: { authorization: `Bearer ${seeded.wrongClusterToken}` } });
    expect(internal.status).toBe(401);
  });

  it('writes config with a certificate key, refuses a mismatched key, and the gateway serves it', async () => {
    const api = apiClient(cp.url, seeded.adminToken);
    const cert = await api<{ id: string; hasKey: boolean }>('POST', '/api/v1/tenants/default/certificates', certificate);
    expect(cert.status).toBe(201);
    expect(cert.body.hasKey).toBe(true);
    expect((await api('POST', '/api/v1/tenants/default/certificates', { cert: certificate.cert, key: otherKey })).status).toBe(400);
    expect((await api('PUT', `/api/v1/tenants/default/certificates/${cert.body.id}`, replacement)).status).toBe(200);

    const session = apiClient(cp.url, sessionToken);
    expect((await session('POST', '/api/v1/tenants/default/services', { name: 'api', url: upstream.url })).status).toBe(201);
    expect((await session('POST', '/api/v1/tenants/default/services', { name: 'down', url: `http://127.0.0.1:${await freePort()}` })).status).toBe(201);
    expect((await session('POST', '/api/v1/tenants/default/routes', { name: 'api', service: 'api', paths: ['/api'] })).status).toBe(201);
    expect((await session('POST', '/api/v1/tenants/default/routes', { name: 'down', service: 'down', paths: ['/down'] })).status).toBe(201);
    expect((await session('POST', '/api/v1/auth/logout')).status).toBe(204);

    const { body: rev } = await api<{ revision: number }>('GET', '/api/v1/config/revision');
    await eventually(async () => (await gw.status()).revision === rev.revision);
  });

  it('proxies requests carrying credentials, and fails some', async () => {
    const headers = {
      authorization: `Bearer ${seeded.upstreamBearer}`,
      'proxy-authorization': `Basic ${Buffer.from(`user:${seeded.basicPassword}`).toString('base64')}`,
      cookie: `session=${seeded.cookie}`,
    };
    const ok = await fetch(`${gw.proxyUrl}/api/x?token=${encodeURIComponent(seeded.upstreamBearer)}`, { headers });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const down = await fetch(`${gw.proxyUrl}/down/x`, { headers });
    expect(down.status).toBe(502);
    await down.arrayBuffer();
    const missing = await fetch(`${gw.proxyUrl}/missing`, { headers });
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it('no process logged a secret; the initial admin password appears once, in the first-start banner', async () => {
    // every process stopped first: shutdown logs count too
    await Promise.all([gw, strangerGw].map((g) => g.stop()));
    await Promise.all([cp, cp2].map((c) => c.stop()));
    const processes = { 'control-plane-1': cp, 'control-plane-2': cp2, gateway: gw, 'stranger-gateway': strangerGw };
    const dbPassword = decodeURIComponent(new URL(databaseUrl).password);
    expect(dbPassword.length).toBeGreaterThan(8);
    const secrets: Record<string, string[]> = {
      ...Object.fromEntries(Object.entries(seeded).map(([name, value]) => [name, forms(value)])),
      sessionToken: forms(sessionToken),
      databasePassword: forms(dbPassword),
      'Basic credentials': forms(Buffer.from(`user:${seeded.basicPassword}`).toString('base64')),
      certificateKey: pemLines(certificate.key),
      mismatchedKey: pemLines(otherKey),
      replacementKey: pemLines(replacement.key),
    };
    for (const [name, needles] of Object.entries(secrets)) expect(needles.length, name).toBeGreaterThan(0);
    expect(scan(processes, secrets)).toEqual([]);

    const banner = scan(processes, { initialAdminPassword: forms(cp.initialAdminPassword ?? '') });
    expect(banner).toHaveLength(1);
    expect(banner[0]).toMatchObject({ process: 'control-plane-1', line: expect.stringMatching(/Initial admin user: admin\s+password: <initialAdminPassword>$/) });
  });
});
