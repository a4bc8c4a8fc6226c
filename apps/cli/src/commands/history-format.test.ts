import type { HistoryItemDiff } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { changesCell, diffLines } from './history-format';

const item = (over: Partial<HistoryItemDiff>): HistoryItemDiff => ({ kind: 'route', id: 'r1', name: 'orders', action: 'update', tenantId: 't', before: null, after: null, ...over });

describe('history output', () => {
  it("lists an update's changed fields under it, without timestamps, and long values cut", () => {
    const lines = diffLines([
      item({
        before: { name: 'orders', paths: ['/orders'], updatedAt: '1', pem: 'x'.repeat(100) },
        after: { name: 'orders', paths: ['/v2/orders'], updatedAt: '2', pem: 'y'.repeat(100), hosts: ['a'] },
      }),
      item({ kind: 'service', name: null, id: 's1', action: 'create', after: { url: 'http://x' } }),
      item({ kind: 'plugin', name: 'cors', action: 'delete', before: { enabled: true } }),
    ]);
    expect(lines[0]).toBe('~ route orders');
    expect(lines[1]).toBe('    paths: ["/orders"] -> ["/v2/orders"]');
    expect(lines[2]).toMatch(/^ {4}pem: "x+… -> "y+…$/);
    expect(lines[2].length).toBeLessThan(140);
    expect(lines[3]).toBe('    hosts: (absent) -> ["a"]');
    expect(lines.slice(4)).toEqual(['+ service s1', '- plugin cors']);
    const touched = item({ before: { paths: ['/a'], updatedAt: '1' }, after: { paths: ['/a'], updatedAt: '2' } });
    expect(diffLines([touched])).toEqual(['~ route orders', '    (timestamps only)']);
  });

  it('names the first three items of a revision and counts the rest', () => {
    const changes = ['a', 'b', 'c', 'd'].map((name) => item({ name, action: 'create' }));
    expect(changesCell({ revision: 3, createdAt: '', actor: null, changeCount: 25, changes })).toBe('+ route a, + route b, + route c, +22 more');
    expect(changesCell({ revision: 3, createdAt: '', actor: null, changeCount: 0, changes: [] })).toBe('-');
  });
});
