// `npm run drills [-- <id>...] [--scale N] [--no-build]`: the fault drills (drills/README.md).
// Installs redis-server from Debian when missing (as root), builds (Nx cache), then runs the drills
// (all, or those named) and exits non-zero if one misses its target.
import path from 'node:path';
import { ensureCommands, nxEnv, run } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const scale = scaleAt >= 0 ? args[scaleAt + 1] : '1';
const ids = args.filter((a, i) => /^\d+$/.test(a) && !(scaleAt >= 0 && i === scaleAt + 1));

if (!ensureCommands({ 'redis-server': 'redis-server' })) process.exit(1);
if (!args.includes('--no-build')) {
  console.log('building (nx run-many -t build)');
  const code = await run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: root, env: nxEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  if (code !== 0) process.exit(code);
}
const code = await run('npx', ['vitest', 'run', '--config', 'drills/vitest.config.mts', '--reporter=dot'], {
  cwd: root,
  env: { ...process.env, AYA_DRILLS: ids.join(','), AYA_DRILL_SCALE: scale },
});
process.exit(code);
