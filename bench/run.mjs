// `npm run bench [-- --quick]`: builds (Nx cache), then the throughput and config benchmarks.
// Prints a markdown table; writes bench/results/latest.json (+ latest.md) and a copy per run in
// bench/results/runs/. Flags override the mode: --rounds --seconds --routes --changes --load-changes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib.mjs';
import { runPropagation } from './propagation.mjs';
import { renderTable } from './report.mjs';
import { runThroughput } from './throughput.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const num = (flag, dflt) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : dflt);
const mode = quick
  ? { rounds: 1, seconds: 4, warmup: 1, halfSeconds: 3, routes: 10_000, changes: 200, changesBudgetS: 15, baselineChanges: 10, loadChanges: 1000, loadBudgetS: 15 }
  : { rounds: 3, seconds: 10, warmup: 3, halfSeconds: 8, routes: 10_000, changes: 200, changesBudgetS: 120, baselineChanges: 50, loadChanges: 1000, loadBudgetS: 120 };
const opts = {
  ...mode,
  rounds: num('--rounds', mode.rounds), seconds: num('--seconds', mode.seconds), routes: num('--routes', mode.routes),
  changes: num('--changes', mode.changes), loadChanges: num('--load-changes', mode.loadChanges),
};

const started = Date.now();
const log = (line) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

if (!args.includes('--no-build')) {
  log('building (nx run-many -t build)');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const throughput = await runThroughput({ ...opts, log });
const propagation = await runPropagation({ ...opts, useRedis: true, log });

const result = {
  at: new Date().toISOString(), mode: quick ? 'quick' : 'full', options: opts,
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, load average at start ${os.loadavg()[0].toFixed(2)}`,
  runtimeSeconds: Math.round((Date.now() - started) / 1000), throughput, propagation,
};
const table = renderTable(result);
const dir = path.join(ROOT, 'bench/results');
fs.mkdirSync(path.join(dir, 'runs'), { recursive: true });
const json = JSON.stringify(result, null, 2) + '\n';
fs.writeFileSync(path.join(dir, 'latest.json'), json);
fs.writeFileSync(path.join(dir, 'latest.md'), table);
fs.writeFileSync(path.join(dir, 'runs', `${result.at.replace(/[:.]/g, '-')}-${result.mode}.json`), json);
process.stdout.write(`\n${table}\nwritten: bench/results/latest.json, latest.md, runs/ (${result.runtimeSeconds}s)\n`);
process.exit(0);
