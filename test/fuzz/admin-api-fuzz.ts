import fc from 'fast-check';
import { request } from 'undici';
import { DbSnapshots, diffSnapshots } from './db-snapshot';
import { planArbitrary, type Plan } from './fuzz-plans';
import { componentValidators, operationsOf, readOpenApi, type DocOperation } from './openapi-document';
import { ResourcePool, fixValidBody } from './resource-pool';

export interface AdminApiFuzzOptions {
  /** control plane base url, e.g. http://127.0.0.1:8001 */
  baseUrl: string;
  adminToken: string;
  clusterToken: string;
  /** the control plane's database: every table is dumped around each write */
  databaseUrl: string;
  runs: number;
  seed: number;
  /** a self-signed certificate and its key, so valid certificate writes can succeed */
  certificate?: { cert: string; key: string };
  log?: (line: string) => void;
}

export interface AdminApiFuzzReport {
  seed: number;
  runs: number;
  /** distinct problems (an undocumented status, a 5xx, an error body without code, a rejected write that wrote) */
  problems: string[];
  /** operation id -> status -> count */
  statuses: Record<string, Record<number, number>>;
  /** bodies the document calls valid that were sent as such, and how many of them the server accepted */
  validSent: number;
  validAccepted: number;
}

const CODE = /^AYA_CP_[A-Z_]+$/;

/** Tables a refused sign-in may write (attempt counters of the throttling), by their name. */
const LOGIN_BOOKKEEPING = /login|attempt|throttl/i;

interface Sent {
  status: number;
  text: string;
  json: unknown;
}

function fillPath(op: DocOperation, plan: Plan, pool: ResourcePool): { url: string; tenant?: string } {
  let tenant: string | undefined;
  const url = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const pick = plan.path[name];
    if (pick === undefined) return 'missing';
    if ('literal' in pick) return pick.literal;
    if (name === 'tenant') {
      tenant = pool.tenantRef(pick.existing);
      return encodeURIComponent(tenant);
    }
    return encodeURIComponent(pool.resourceRef(op.path, tenant, pick.existing));
  });
  return { url, tenant };
}

function queryString(query: Record<string, string>, raw: boolean): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return '';
  // odd query values are sent as written (some are percent-encodings on purpose)
  return `?${entries.map(([k, v]) => `${k}=${raw ? v : encodeURIComponent(v)}`).join('&')}`;
}

async function send(baseUrl: string, method: string, url: string, headers: Record<string, string>, body?: string | Buffer): Promise<Sent> {
  const res = await request(`${baseUrl}${url}`, { method: method as 'GET', headers, body, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, text, json };
}

const excerpt = (v: unknown): string => {
  const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? `<${v.length} bytes>` : JSON.stringify(v);
  return s === undefined ? '' : s.length > 300 ? `${s.slice(0, 300)}... (${s.length} chars)` : s;
};

/**
 * Fuzzes every operation of the committed OpenAPI document over real HTTP (`runs` requests, seeded), and checks:
 * only documented statuses, never a 5xx, every 4xx a standard error body with an AYA_CP_* code, no 2xx for a body
 * the document refuses, 2xx bodies matching their documented schema, and (a dump of every table before and after
 * each write) that a refused write changed nothing.
 */
export async function runAdminApiFuzz(opts: AdminApiFuzzOptions): Promise<AdminApiFuzzReport> {
  const doc = readOpenApi();
  const ops = operationsOf(doc);
  const validate = componentValidators(doc);
  const plans = fc.sample(planArbitrary(doc, ops), { seed: opts.seed, numRuns: opts.runs });
  const db = await DbSnapshots.connect(opts.databaseUrl);
  const pool = new ResourcePool(opts.baseUrl, opts.adminToken, opts.certificate);
  await pool.refreshAll();
  const problems = new Map<string, { example: string; count: number }>();
  const statuses: Record<string, Record<number, number>> = {};
  let validSent = 0;
  let validAccepted = 0;
  const problem = (key: string, example: string) => {
    const seen = problems.get(key);
    if (seen) seen.count++;
    else problems.set(key, { example, count: 1 });
  };

  try {
    for (const [i, plan] of plans.entries()) {
      const op = ops[plan.op];
      const { url, tenant } = fillPath(op, plan, pool);
      // a tenant named in the query (config history) is one that exists, as in the path
      const query = plan.kind === 'valid' && 'tenant' in plan.query ? { ...plan.query, tenant: pool.tenantRef(plan.pick) } : plan.query;
      const target = url + queryString(query, plan.kind === 'odd-query');
      const headers: Record<string, string> = {};
      if (plan.kind !== 'no-auth' && op.security !== 'public') headers.authorization = `Bearer ${op.security === 'cluster' ? opts.clusterToken : opts.adminToken}`;
      let body: string | Buffer | undefined;
      let bodyValue = plan.body;
      if (plan.raw) {
        if (plan.raw.contentType) headers['content-type'] = plan.raw.contentType;
        body = plan.raw.body;
      } else if (op.body) {
        if (plan.kind === 'valid') bodyValue = fixValidBody(op.body, bodyValue, tenant, pool, plan.pick);
        headers['content-type'] = 'application/json';
        body = JSON.stringify(bodyValue);
      }
      const documentValid = op.body !== undefined && !plan.raw && validate(op.body)(bodyValue) === true;
      const writes = op.method !== 'GET';
      const before = writes ? await db.take() : undefined;
      const res = await send(opts.baseUrl, op.method, target, headers, body);
      const repro = `#${i} ${plan.kind}: ${op.method} ${excerpt(target)} ${excerpt(body)} -> ${res.status} ${excerpt(res.text)}`;
      (statuses[op.id] ??= {})[res.status] = (statuses[op.id][res.status] ?? 0) + 1;

      if (!op.statuses.has(res.status)) problem(`${op.id}: undocumented status ${res.status}`, repro);
      if (res.status >= 500) problem(`${op.id}: ${res.status}`, repro);
      if (res.status >= 400 && res.status < 500) {
        const code = (res.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        if (typeof code?.code !== 'string' || !CODE.test(code.code) || typeof code.message !== 'string') problem(`${op.id}: ${res.status} without the standard error body`, repro);
      }
      const accepted = res.status >= 200 && res.status < 300;
      if (op.body && !plan.raw && accepted && !documentValid) problem(`${op.id}: accepted a body the document refuses`, repro);
      if (accepted) {
        const schemaProblem = responseProblem(doc, op, res, validate);
        if (schemaProblem) problem(`${op.id}: ${res.status} body does not match the document (${schemaProblem})`, repro);
      }
      if (plan.kind === 'valid' && documentValid && headers.authorization) {
        validSent++;
        if (accepted) validAccepted++;
        else if (process.env.AYA_FUZZ_DEBUG) opts.log?.(`refused valid: ${repro.slice(0, 600)}`);
      }
      if (before) {
        const diffs = diffSnapshots(before, await db.take()).filter((d) => !(op.id === 'auth.login' && LOGIN_BOOKKEEPING.test(d.table)));
        if (res.status >= 400 && diffs.length > 0) {
          problem(`${op.id}: refused with ${res.status} but wrote ${diffs.map((d) => `${d.table} +${d.added.length}/-${d.removed.length}`).join(', ')}`, repro);
        }
        if (accepted) await pool.refreshAfter(op.path, tenant);
      }
      if ((i + 1) % 500 === 0) opts.log?.(`admin API fuzz: ${i + 1}/${plans.length} requests`);
    }
  } finally {
    await db.close();
  }
  return {
    seed: opts.seed,
    runs: opts.runs,
    problems: [...problems.entries()].map(([key, p]) => `${key} (x${p.count}), e.g. ${p.example}`),
    statuses,
    validSent,
    validAccepted,
  };
}

/** Why a 2xx body does not match the documented response, or undefined when it does (or is not JSON by design). */
function responseProblem(doc: ReturnType<typeof readOpenApi>, op: DocOperation, res: Sent, validate: ReturnType<typeof componentValidators>): string | undefined {
  const raw = doc.paths[op.path][op.method.toLowerCase()].responses[String(res.status)] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
  const ref = raw?.content?.['application/json']?.schema?.$ref;
  if (!ref) return undefined;
  const check = validate(ref.split('/').pop() as string);
  return check(res.json) ? undefined : JSON.stringify(check.errors?.slice(0, 2));
}
