import { describe, expect, it } from 'vitest';
import { diffBetween, netChanges, type RowChange } from './row-history';

const change = (revision: number, tableName: string, rowKey: string, oldRow: object | null, newRow: object | null): RowChange => ({
  revision,
  tableName,
  rowKey,
  tenantId: 't',
  oldRow: oldRow as RowChange['oldRow'],
  newRow: newRow as RowChange['newRow'],
});

describe('netChanges', () => {
  it('keeps the state before the first change and after the last one of each row', () => {
    const net = netChanges([change(2, 'routes', 'r', { v: 1 }, { v: 2 }), change(3, 'routes', 'r', { v: 2 }, { v: 3 })]);
    expect(net).toEqual([{ tableName: 'routes', rowKey: 'r', tenantId: 't', before: { v: 1 }, after: { v: 3 } }]);
  });

  it('drops rows that end as they began: created then deleted, changed back', () => {
    const net = netChanges([
      change(2, 'routes', 'a', null, { v: 1 }),
      change(3, 'routes', 'a', { v: 1 }, null),
      change(2, 'services', 'b', { v: 1 }, { v: 2 }),
      change(4, 'services', 'b', { v: 2 }, { v: 1 }),
    ]);
    expect(net).toEqual([]);
  });

  it('orders parents before children (the restore order)', () => {
    const net = netChanges([change(2, 'routes', 'r', null, { v: 1 }), change(2, 'services', 's', null, { v: 1 }), change(2, 'tenants', 't', null, { v: 1 })]);
    expect(net.map((c) => c.tableName)).toEqual(['tenants', 'services', 'routes']);
  });
});

describe('diffBetween', () => {
  it('swaps before and after when `from` is the newer revision', () => {
    const changes = [change(3, 'routes', 'r', { v: 1 }, { v: 2 })];
    expect(diffBetween(2, 3, changes)[0]).toMatchObject({ before: { v: 1 }, after: { v: 2 } });
    expect(diffBetween(3, 2, changes)[0]).toMatchObject({ before: { v: 2 }, after: { v: 1 } });
  });
});
