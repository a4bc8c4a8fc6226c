// `npm start`: build what is not built yet (Nx cache), then run the whole platform (apps/cli `aya start`).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nxEnv, run } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
console.log('[aya] building (cached after the first run)...');
const code = await run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: root, env: nxEnv });
if (code !== 0) {
  console.error('[aya] build failed');
  process.exit(code);
}
const { startCommand } = await import(pathToFileURL(path.join(root, 'apps/cli/dist/commands/start.js')).href);
await startCommand();
