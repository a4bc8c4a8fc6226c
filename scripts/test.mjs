// `npm test`: every test tier. Installs what it needs when missing (redis-server, chromium,
// docker-compose from Debian, as root), builds, lints, runs vitest (unit + integration) and
// Playwright (e2e), and ends with one line: `N passed, N failed`.
import fs from 'node:fs';
import path from 'node:path';
import { ensureCommands, nxEnv, run } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.tmp');
fs.mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- vitest` or `npm test -- e2e`
const want = (tier) => only.length === 0 || only.includes(tier);

let passed = 0;
let failed = 0;
const stepFailures = [];
const step = async (name, cmd, args, env = nxEnv) => {
  console.log(`\n=== ${name} ===`);
  const code = await run(cmd, args, { cwd: root, env });
  if (code !== 0) stepFailures.push(name);
  return code;
};
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

/**
 * Tests of a file that failed without a failing test: the file did not load (no tests) or a
 * beforeAll/afterAll hook threw (its tests are reported as skipped). They count as failed, never
 * as neither; at least one per such file.
 */
function failedInSetup(files) {
  let n = 0;
  for (const f of files) {
    if (f.status !== 'failed' || f.assertionResults.some((a) => a.status === 'failed')) continue;
    n += Math.max(1, f.assertionResults.filter((a) => a.status !== 'passed').length);
  }
  return n;
}

if (!ensureCommands({ 'redis-server': 'redis-server', chromium: 'chromium', 'docker-compose': 'docker-compose' })) {
  stepFailures.push('setup');
}

if ((await step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'])) !== 0) {
  console.log('\nbuild failed: nothing else can run');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (want('lint')) {
  await step('lint', 'npm', ['run', 'lint', '--silent']);
  await step('typecheck', 'npm', ['run', 'typecheck', '--silent']);
}

if (want('vitest')) {
  const file = path.join(out, 'vitest.json');
  fs.rmSync(file, { force: true });
  await step('unit + integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  const r = readJson(file);
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    failed += failedInSetup(r.testResults ?? []);
  } else failed += 1;
}

if (want('e2e')) {
  const file = path.join(out, 'playwright.json');
  fs.rmSync(file, { force: true });
  await step('e2e (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    ...nxEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  const r = readJson(file);
  if (r?.stats) {
    passed += r.stats.expected + r.stats.flaky;
    // errors outside any test (global setup, a spec that fails to load) count too
    failed += r.stats.unexpected + (r.errors?.length ?? 0);
  } else failed += 1;
}

if (stepFailures.length) console.log(`\nfailed steps: ${stepFailures.join(', ')}`);
// a failing step with no failing test (lint, setup) still counts as one failure
if (stepFailures.length && failed === 0) failed = stepFailures.length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || stepFailures.length ? 1 : 0);
