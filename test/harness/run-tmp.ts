import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Points TMPDIR at a fresh folder of this run (inherited by test workers and every process they spawn: gateway data
 * dirs, certificates, Postgres) and returns what removes it, so a test, e2e or drill run leaves nothing in /tmp.
 */
export function useRunTmpDir(prefix: string): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // Postgres runs as the `postgres` OS user when we are root
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
