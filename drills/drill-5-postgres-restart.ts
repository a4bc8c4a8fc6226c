import pg from 'pg';
import { eventually } from '../test/harness/ports';
import { startLoad } from './lib/load';
import { platformWithRoute } from './lib/one-route';
import { sleep } from './lib/targets';
import type { Drill } from './lib/types';
import { logLines, startWriter, summarizeWrites, type WriteRecord } from './lib/writes';

/**
 * Control plane and two gateways (SSE, default 5 s reconcile poll) under client load while an admin
 * write (a new route) is made every 250 ms. Postgres is stopped (fast shutdown: connections
 * terminated) and started again on the same data dir and port 6 s later; nothing else is restarted.
 * Target: 0 failed proxied requests; every write during the outage is refused with
 * `503 AYA_CP_DATABASE_UNAVAILABLE` (no 500, no hang); nothing half-written (the database holds
 * exactly the writes that were answered 2xx, each with its revision and audit row, and every gateway
 * ends on the database's hash); writes succeed again within 5 s of Postgres accepting connections,
 * and converge on both gateways within 4 s: the control plane's LISTEN connection retries every 2 s,
 * so the SSE streams hear of them, not only the reconcile poll (which bounded this at 5 s before).
 */
const RECONCILE_MS = 5000;
const RECOVER_BOUND_MS = 5000;
const CONVERGE_BOUND_MS = 4000;

interface DbState {
  revision: number;
  hash: string;
  routes: string[];
  /** revisions that kept their changes, and the revisions of audit rows */
  revisions: number[];
  auditRevisions: number[];
}

async function readDb(url: string): Promise<DbState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const state = (await client.query<{ revision: number; hash: string }>('SELECT revision::int AS revision, hash FROM config_state WHERE id = 1')).rows[0];
    const routes = (await client.query<{ name: string }>('SELECT name FROM routes ORDER BY name')).rows.map((r) => r.name);
    const revisions = (await client.query<{ r: number }>('SELECT revision::int AS r FROM config_revisions ORDER BY 1')).rows.map((r) => r.r);
    const auditRevisions = (await client.query<{ r: number }>('SELECT revision::int AS r FROM audit_events ORDER BY 1')).rows.map((r) => r.r);
    return { ...state, routes, revisions, auditRevisions };
  } finally {
    await client.end();
  }
}

/** Problems with what the outage left in the database (empty: consistent). */
function consistency(before: DbState, after: DbState, records: WriteRecord[]): string[] {
  const problems: string[] = [];
  const answered = new Set(records.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.name));
  const added = after.routes.filter((n) => !before.routes.includes(n));
  for (const n of added) if (!answered.has(n)) problems.push(`route ${n} exists but its write was refused`);
  for (const n of answered) if (!after.routes.includes(n)) problems.push(`route ${n} was answered 2xx but is missing`);
  // (routes answered before `before` was read are in both states)
  const newRevisions = after.revisions.filter((r) => r > before.revision);
  if (after.revision - before.revision !== added.length) problems.push(`revision moved by ${after.revision - before.revision} for ${added.length} new routes`);
  if (newRevisions.length !== added.length) problems.push(`${newRevisions.length} stored revisions for ${added.length} new routes`);
  if (Math.max(before.revision, ...newRevisions) !== after.revision) problems.push(`config_state.revision ${after.revision} is not the newest stored revision`);
  for (const r of newRevisions) if (!after.auditRevisions.includes(r)) problems.push(`revision ${r} has no audit row`);
  return problems;
}

export const drill5: Drill = {
  id: 5,
  name: 'Postgres stopped and restarted during admin writes',
  async run(ctx) {
    const s = ctx.durationScale;
    const { p } = await platformWithRoute(ctx, { gateways: 2, redis: false, gatewayEnv: { AYA_RECONCILE_INTERVAL_MS: String(RECONCILE_MS) } }, '/d5');

    const load = startLoad({ urls: p.gateways.map((g) => `${g.proxyUrl}/d5/x`), concurrency: 8 });
    let phase = 'postgres up';
    const writer = startWriter({
      api: p.api,
      gateways: () => p.gateways,
      service: 'svc',
      prefix: 'd5',
      intervalMs: 250,
      phase: () => phase,
      convergeTimeoutMs: CONVERGE_BOUND_MS + 10_000,
    });
    ctx.log('load on 2 gateways (8 connections), a route written every 250 ms');
    await sleep(3000 * s);

    // writes from here on count as the outage's (one may still land before the halt)
    phase = 'postgres down';
    const before = await readDb(p.databaseUrl);
    ctx.log(`stopping Postgres (fast shutdown) at revision ${before.revision}`);
    const haltedAt = Date.now();
    await p.pg.halt();
    await sleep(6000 * s);

    ctx.log('starting Postgres again (same data dir and port)');
    await p.pg.resume();
    const resumedAt = Date.now();
    phase = 'postgres back';
    const firstOk = await eventually(async () => writer.records.find((r) => r.startedAt >= resumedAt && r.status >= 200 && r.status < 300), 30_000, 50).catch(
      () => undefined,
    );
    const recoverMs = firstOk ? firstOk.startedAt + firstOk.ms - resumedAt : undefined;
    ctx.log(`first write accepted ${recoverMs ?? 'never'} ms after Postgres was back`);
    await sleep(6000 * s);

    const records = await writer.stop();
    const stats = await load.stop();
    const after = await readDb(p.databaseUrl);
    const problems = consistency(before, after, records);
    const hashes = await eventually(async () => {
      const st = await Promise.all(p.gateways.map((g) => g.status()));
      return st.every((x) => x.hash === after.hash) ? st.map((x) => x.hash) : undefined;
    }, RECONCILE_MS + 1000).catch(() => undefined);
    if (!hashes) problems.push('the gateways did not end on the database hash');

    const down = records.filter((r) => r.phase === 'postgres down');
    const refusedRight = down.filter((r) => r.status >= 300).every((r) => r.status === 503 && r.code === 'AYA_CP_DATABASE_UNAVAILABLE');
    const back = records.filter((r) => r.phase === 'postgres back' && r.status >= 200 && r.status < 300);
    const converged = back.map((r) => r.convergeMs);
    const convergeMs = converged.length > 0 && converged.every((v) => v !== undefined) ? Math.max(...(converged as number[])) : undefined;
    ctx.log(`${down.length} writes while down (${down.filter((r) => r.status === 503).length} x 503), ${problems.length} consistency problems, slowest convergence after: ${convergeMs ?? 'never'} ms`);
    return {
      sent: stats.sent,
      failed: stats.failed,
      convergeMs: recoverMs,
      bound: `0 failed; 503 AYA_CP_DATABASE_UNAVAILABLE while down, nothing half-written; writes work <= ${RECOVER_BOUND_MS / 1000} s after, converge <= ${CONVERGE_BOUND_MS / 1000} s`,
      passed:
        stats.failed === 0 &&
        down.length > 0 &&
        refusedRight &&
        problems.length === 0 &&
        recoverMs !== undefined &&
        recoverMs <= RECOVER_BOUND_MS &&
        convergeMs !== undefined &&
        convergeMs <= CONVERGE_BOUND_MS,
      details: {
        load: stats,
        writes: summarizeWrites(records),
        recoverMs,
        convergeAfterRecoveryMs: convergeMs,
        consistencyProblems: problems,
        revisions: { before: before.revision, after: after.revision },
        downMs: resumedAt - haltedAt,
        refusedWhileDown: down.filter((r) => r.status >= 300).slice(0, 3),
        controlPlaneLog: logLines(p.cp.logs(), /listener|database|failed/i, 6),
      },
    };
  },
};
