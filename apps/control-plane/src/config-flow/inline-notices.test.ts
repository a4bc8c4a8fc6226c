import type { ConfigChange } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { inlineNotices } from './config-writer';

const notice = { revision: 7, hash: 'h'.repeat(64) };
const route = (id: string, extra = ''): ConfigChange => ({ kind: 'route', id, item: { id, name: `r${extra}` } });
const inline = (changes: ConfigChange[]) => inlineNotices(notice, changes, JSON.stringify(changes));

describe('inlineNotices', () => {
  it('carries small changes in both notices', () => {
    const out = inline([route('a')]);
    expect(JSON.parse(out.pg)).toEqual({ ...notice, changes: [route('a')] });
    expect(out.redis).toEqual({ ...notice, changes: [route('a')] });
  });

  it('never carries a certificate (its key), nor nothing', () => {
    const cert: ConfigChange = { kind: 'certificate', id: 'c', item: { id: 'c', key: 'PRIVATE' } };
    for (const out of [inline([route('a'), cert]), inline([])]) {
      expect(JSON.parse(out.pg)).toEqual(notice);
      expect(out.redis).toEqual(notice);
    }
  });

  it('never carries a consumer or credential (hashes, sealed secrets); a plugin goes inline', () => {
    const consumer: ConfigChange = { kind: 'consumer', id: 'u', item: { id: 'u', username: 'alice' } };
    const credential: ConfigChange = { kind: 'credential', id: 'k', item: { id: 'k', keyHash: 'f'.repeat(64) } };
    for (const out of [inline([route('a'), consumer]), inline([credential])]) {
      expect(JSON.parse(out.pg)).toEqual(notice);
      expect(out.redis).toEqual(notice);
    }
    const plugin: ConfigChange = { kind: 'plugin', id: 'p', item: { id: 'p', name: 'cors' } };
    expect(inline([plugin]).redis.changes).toEqual([plugin]);
  });

  it('keeps pg_notify under its 8000-byte limit; Redis takes larger deltas', () => {
    const big = Array.from({ length: 200 }, (_, i) => route(`id-${i}`, 'x'.repeat(40)));
    const out = inline(big);
    expect(JSON.parse(out.pg)).toEqual(notice);
    expect(out.redis.changes).toHaveLength(200);
  });
});
