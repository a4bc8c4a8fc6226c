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
  if (!aptUpdated) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  return r.status === 0;
}

/** Runs a command with inherited stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export const nxEnv = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
