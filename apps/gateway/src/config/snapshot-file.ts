import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigState } from './config-state';
import { verifyConfigResponse } from './verify';

export const SNAPSHOT_FILE = 'snapshot.json';

export interface StoredConfig {
  text: string;
  response: ConfigState;
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

/**
 * Writes the last-known-good file off the apply path: save() returns at once, the write starts
 * `delayMs` later, one runs at a time, and texts saved meanwhile collapse into the newest, so the
 * file only moves forward and a burst of revisions costs one write, not one each. A text can be
 * given as a function: it is only serialised (tens of ms for a big config) when its turn comes.
 */
export class SnapshotWriter {
  private pending: string | (() => string) | null = null;
  private running: Promise<void> | null = null;
  private wait: { timer: NodeJS.Timeout; wake: () => void } | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly onError: (err: unknown) => void,
    private readonly delayMs = 0,
  ) {}

  save(text: string | (() => string)): void {
    this.pending = text;
    this.running ??= this.drain();
  }

  /** resolves once everything saved so far is on disk (or has failed and been reported); skips the delay */
  async flush(): Promise<void> {
    if (this.wait) {
      clearTimeout(this.wait.timer);
      this.wait.wake();
    }
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // never on the caller's turn: it has a config to swap in
    await new Promise<void>((wake) => (this.wait = { timer: setTimeout(wake, this.delayMs), wake }));
    this.wait = null;
    try {
      while (this.pending !== null) {
        const next = this.pending;
        this.pending = null;
        try {
          await saveSnapshotFile(this.dataDir, typeof next === 'string' ? next : next());
        } catch (err) {
          this.onError(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
