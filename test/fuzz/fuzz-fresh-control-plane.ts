import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomToken, startControlPlane } from '../harness/platform';
import { createDatabaseOn, startPostgres, type TestPostgres } from '../harness/postgres';
import { runAdminApiFuzz, type AdminApiFuzzReport } from './admin-api-fuzz';

/** The seed `npm test` uses, so a CI failure reproduces; longer runs take a fresh one unless AYA_FUZZ_SEED says. */
export const CI_SEED = 20_261_203;
export const DEFAULT_RUNS = 300;

/** AYA_FUZZ_RUNS (default 300) and AYA_FUZZ_SEED (default: fixed for the default run, random for longer ones). */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { runs: number; seed: number } {
  const runs = env.AYA_FUZZ_RUNS ? Number(env.AYA_FUZZ_RUNS) : DEFAULT_RUNS;
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`AYA_FUZZ_RUNS must be a positive integer, got ${env.AYA_FUZZ_RUNS}`);
  const seed = env.AYA_FUZZ_SEED ? Number(env.AYA_FUZZ_SEED) : env.AYA_FUZZ_RUNS ? Math.floor(Math.random() * 2 ** 31) : CI_SEED;
  if (!Number.isInteger(seed)) throw new Error(`AYA_FUZZ_SEED must be an integer, got ${env.AYA_FUZZ_SEED}`);
  return { runs, seed };
}

/** A self-signed EC certificate and key from the `openssl` CLI (node:crypto cannot issue one); undefined without it. */
function selfSignedCertificate(): { cert: string; key: string } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-fuzz-cert-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=fuzz.test'],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface FreshFuzzOptions {
  runs: number;
  seed: number;
  /** an embedded Postgres to create the database on (vitest's); absent: one is started and stopped here */
  postgresAdminUrl?: string;
  log?: (line: string) => void;
}

/**
 * The admin API fuzz against a control plane of its own (built `dist/main.js`, a fresh database, AYA_SECRET_KEY
 * set so certificate keys can be stored), stopped afterwards. What `npm test` and `npm run drills` call.
 */
export async function fuzzFreshControlPlane(opts: FreshFuzzOptions): Promise<AdminApiFuzzReport> {
  let pg: TestPostgres | undefined;
  if (!opts.postgresAdminUrl) pg = await startPostgres();
  try {
    const databaseUrl = await createDatabaseOn(opts.postgresAdminUrl ?? (pg as TestPostgres).adminUrl);
    const cp = await startControlPlane({ databaseUrl, env: { AYA_SECRET_KEY: `${randomToken()}${randomToken()}` } });
    try {
      opts.log?.(`admin API fuzz: ${opts.runs} requests, seed ${opts.seed} (AYA_FUZZ_RUNS / AYA_FUZZ_SEED)`);
      return await runAdminApiFuzz({
        baseUrl: cp.url,
        adminToken: cp.adminToken,
        clusterToken: cp.clusterToken,
        databaseUrl,
        runs: opts.runs,
        seed: opts.seed,
        certificate: selfSignedCertificate(),
        log: opts.log,
      });
    } finally {
      await cp.stop();
    }
  } finally {
    await pg?.stop();
  }
}

/** Statuses per operation and the valid-input acceptance, for a log. */
export function describeFuzzReport(r: AdminApiFuzzReport): string {
  const lines = Object.entries(r.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, counts]) => `  ${op.padEnd(24)} ${Object.entries(counts).map(([s, n]) => `${s}x${n}`).join(' ')}`);
  const rate = r.validSent > 0 ? ((100 * r.validAccepted) / r.validSent).toFixed(0) : '-';
  return [`admin API fuzz, seed ${r.seed}, ${r.runs} requests; valid bodies accepted ${r.validAccepted}/${r.validSent} (${rate}%)`, ...lines].join('\n');
}
