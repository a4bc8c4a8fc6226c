// Times the declarative apply at scale against a real control plane (embedded Postgres, built app):
// the first apply of N routes into an empty tenant, the same document again (changes nothing: no revision), a
// change of 1% of the routes, and a prune of 1%. Prints one line per step and a JSON summary.
//   node bench/apply-10k.mjs [--routes 10000]
// Build first: npx nx run @aya/control-plane:build
import { parseArgs } from 'node:util';
import { freePort, node, postgres, stopChildren, token, waitHttp } from './lib.mjs';

const { values } = parseArgs({ options: { routes: { type: 'string', default: '10000' } } });
const N = Number(values.routes);

const pg = await postgres();
const adminToken = token();
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
node('apps/control-plane/dist/main.js', {
  DATABASE_URL: pg.url, AYA_ADMIN_PORT: String(port), AYA_ADMIN_HOST: '127.0.0.1', AYA_ADMIN_TOKEN: adminToken, AYA_CLUSTER_TOKEN: token(),
});

async function api(method, path, body) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

const results = [];
async function timed(step, doc, query = '') {
  const t0 = performance.now();
  const out = await api('POST', `/tenants/default/config/apply${query}`, doc);
  const seconds = +((performance.now() - t0) / 1000).toFixed(2);
  results.push({ step, seconds, changes: out.changes.length, revision: out.revision });
  console.log(`${step.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s  ${String(out.changes.length).padStart(6)} changes  revision ${out.revision}`);
}

try {
  await waitHttp(`${url}/api/v1/health`);
  const services = [{ name: 'bench-a', url: 'http://127.0.0.1:9' }, { name: 'bench-b', url: 'http://127.0.0.1:9' }];
  {
    const prefix = 'bench';
    const routes = Array.from({ length: N }, (_, i) => ({ name: `${prefix}-route-${i}`, service: 'bench-a', paths: [`/${prefix}/route/${i}`], methods: ['GET'] }));
    const doc = { services, routes };
    await timed(`first apply (${N})`, doc, '?prune=true');
    await timed('re-apply (same)', doc, '?prune=true');
    // 1%: every 100th route moves to the other service and gets a second path
    const changed = { services, routes: routes.map((r, i) => (i % 100 === 0 ? { ...r, service: 'bench-b', paths: [...r.paths, `${r.paths[0]}/v2`] } : r)) };
    await timed('1% changed', changed, '?prune=true');
    await timed('1% pruned', { services, routes: changed.routes.filter((_, i) => i % 100 !== 1) }, '?prune=true');
  }
  console.log(JSON.stringify({ routes: N, results }));
} finally {
  await stopChildren();
  await pg.stop();
}
