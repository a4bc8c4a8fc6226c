import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigResponse } from '@aya/config-schema';
import { verifyConfigResponse } from './verify';

export const SNAPSHOT_FILE = 'snapshot.json';

export interface StoredConfig {
  text: string;
  response: ConfigResponse;
}

/** The last-known-good config, or null when there is none yet. Throws when it exists but is bad. */
export async function loadSnapshotFile(dataDir: string): Promise<StoredConfig | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return { text, response: verifyConfigResponse(text) };
}

let writeSeq = 0;

/** tmp + rename: a crash mid-write leaves the previous file, never half of one. */
export async function saveSnapshotFile(dataDir: string, text: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const tmp = join(dataDir, `${SNAPSHOT_FILE}.${process.pid}.${++writeSeq}.tmp`);
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, join(dataDir, SNAPSHOT_FILE));
}
