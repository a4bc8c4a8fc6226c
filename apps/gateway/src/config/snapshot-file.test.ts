import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/harness/ports';
import { configText, tempDir } from '../testing/fixtures';
import { loadSnapshotFile, SNAPSHOT_FILE, SnapshotWriter } from './snapshot-file';

const text = (revision: number) => configText(revision, { services: [], routes: [], upstreams: [] });

describe('SnapshotWriter', () => {
  it('returns at once, writes atomically with mode 0600 and keeps only the newest of a burst', async () => {
    const dir = await tempDir();
    const errors: unknown[] = [];
    const writer = new SnapshotWriter(dir, (e) => errors.push(e));
    for (let r = 1; r <= 20; r++) writer.save(text(r));
    await writer.flush();
    expect(errors).toEqual([]);
    expect((await loadSnapshotFile(dir))?.response.revision).toBe(20);
    expect((await stat(join(dir, SNAPSHOT_FILE))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    writer.save(text(21));
    await writer.flush();
    expect(JSON.parse(await readFile(join(dir, SNAPSHOT_FILE), 'utf8'))).toMatchObject({ revision: 21 });
  });

  it('with a delay: writes once after it (or at flush), serialising only the newest text', async () => {
    const dir = await tempDir();
    const writer = new SnapshotWriter(dir, () => undefined, 150);
    const serialised: number[] = [];
    for (let r = 1; r <= 5; r++) {
      writer.save(() => {
        serialised.push(r);
        return text(r);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await loadSnapshotFile(dir)).toBeNull();
    await eventually(async () => (await loadSnapshotFile(dir))?.response.revision === 5);
    expect(serialised).toEqual([5]);
    // flush does not wait for the delay
    writer.save(text(6));
    await writer.flush();
    expect((await loadSnapshotFile(dir))?.response.revision).toBe(6);
  });

  it('reports a failed write and keeps the previous file', async () => {
    const dir = await tempDir();
    const errors: unknown[] = [];
    const writer = new SnapshotWriter(dir, (e) => errors.push(e));
    writer.save(text(1));
    await writer.flush();
    await chmod(dir, 0o500);
    try {
      writer.save(text(2));
      await writer.flush();
    } finally {
      await chmod(dir, 0o700);
    }
    // root ignores directory permissions: then the write simply succeeds
    if (errors.length === 0) expect((await loadSnapshotFile(dir))?.response.revision).toBe(2);
    else expect((await loadSnapshotFile(dir))?.response.revision).toBe(1);
  });
});
