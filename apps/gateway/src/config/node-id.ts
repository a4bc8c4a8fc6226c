import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

const NODE_ID_FILE = 'node-id';
const VALID = /^[A-Za-z0-9._-]{1,128}$/;

/** hostname + short random, kept in the data dir so a restart reports as the same node. */
export async function resolveNodeId(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, NODE_ID_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (VALID.test(stored)) return stored;
  } catch {
    // no id yet: make one below
  }
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100) || 'gateway';
  const id = `${host}-${randomBytes(4).toString('hex')}`;
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${id}\n`);
  return id;
}
