// `npm run bench`: every benchmark, results in bench/results/. Builds first (Nx cache).
import { spawnSync } from 'node:child_process';
import { ROOT } from './lib.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
step(process.execPath, ['bench/propagation.mjs', '--changes', '100']);
step(process.execPath, ['bench/propagation.mjs', '--changes', '100', '--no-redis']);
