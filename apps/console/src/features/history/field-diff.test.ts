import { describe, expect, it } from 'vitest';
import { fieldRows, rangeOf, revisionSummary } from './field-diff';

describe('fieldRows', () => {
  it('puts changed fields first and never counts ids or times as the change', () => {
    const rows = fieldRows({
      before: { id: 'r1', name: 'orders', paths: ['/orders'], updatedAt: 'a' },
      after: { id: 'r1', name: 'orders', paths: ['/v2'], updatedAt: 'b' },
    });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['paths', true],
      ['name', false],
      ['id', false],
      ['updatedAt', false],
    ]);
  });

  it('shows a created item as every field added', () => {
    expect(fieldRows({ before: null, after: { name: 'x' } })).toEqual([{ field: 'name', before: undefined, after: 'x', changed: true }]);
  });
});

describe('revisionSummary', () => {
  it('names the first items and counts the rest', () => {
    const changes = [
      { kind: 'route', id: 'a', name: 'orders', action: 'update' as const, tenantId: 't' },
      { kind: 'consumer-group', id: 'b', name: 'gold', action: 'create' as const, tenantId: 't' },
    ];
    expect(revisionSummary({ changes, changeCount: 5 })).toBe('route orders changed, consumer group gold created +3 more');
    expect(revisionSummary({ changes: [], changeCount: 0 })).toBe('no change');
  });
});

describe('rangeOf', () => {
  it('orders the two picked revisions, and needs exactly two', () => {
    expect(rangeOf([9, 4])).toEqual({ from: 4, to: 9 });
    expect(rangeOf([4])).toBeNull();
  });
});
