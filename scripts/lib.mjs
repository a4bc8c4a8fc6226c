// Small helpers shared by the root scripts (start, test, bench).
import { spawn, spawnSync } from 'node:child_process';

export const isRoot = () => process.getuid?.() === 0;
export const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

let aptUpdated = false;
/** Installs Debian packages for the commands that are missing (only as root; otherwise says what to install). */
export function ensureCommands(wanted) {
  const missing = Object.entries(wanted).filter(([cmd]) => !has(cmd));
  if (missing.length === 0) return true;
  const pkgs = [...new Set(missing.map(([, pkg]) => pkg))];
  if (!isRoot()) {
    console.error(`missing: ${missing.map(([c]) => c).join(', ')}; install the Debian packages: ${pkgs.join(' ')}`);
    return false;
  }
  console.log(`[setup] apt-get install ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // another install may hold the dpkg / apt lists lock (unattended upgrades, a parallel job): wait for it
  const apt = (...args) => spawnSync('apt-get', ['-o', `DPkg::Lock::Timeout=${APT_LOCK_WAIT_S}`, ...args], { stdio: 'inherit', env }).status === 0;
  if (!aptUpdated) aptUpdated = aptWithRetry(() => apt('update', '-qq'));
  aptWithRetry(() => apt('install', '-y', '-qq', '--no-install-recommends', ...pkgs));
  const still = missing.filter(([cmd]) => !has(cmd)).map(([cmd]) => cmd);
  if (still.length) console.error(`[setup] still missing after apt-get: ${still.join(', ')}`);
  return still.length === 0;
}

const APT_LOCK_WAIT_S = 600;

/** apt-get's lock timeout does not cover every lock on every apt version: retry a few times too. */
function aptWithRetry(attempt) {
  for (let i = 0; i < 5; i++) {
    if (attempt()) return true;
    console.log('[setup] apt-get failed (lock held?), retrying in 10 s');
    spawnSync('sleep', ['10']);
  }
  return false;
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const nxEnv = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
