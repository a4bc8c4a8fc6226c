import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-diff';

describe('auditChanges', () => {
  it('names each changed, added and removed field by its path, nested and in arrays', () => {
    const before = { name: 'a', targets: [{ target: 'h:1', weight: 100 }], retries: 2 };
    const after = { name: 'a', targets: [{ target: 'h:1', weight: 5 }, { target: 'h:2', weight: 1 }], timeout: 3 };
    expect(auditChanges(before, after)).toEqual(
      expect.arrayContaining([
        { path: ['targets', 0, 'weight'], op: 'change', before: 100, after: 5 },
        { path: ['targets', 1], op: 'add', after: { target: 'h:2', weight: 1 } },
        { path: ['retries'], op: 'remove', before: 2 },
        { path: ['timeout'], op: 'add', after: 3 },
      ]),
    );
    expect(auditChanges(before, after)).toHaveLength(4);
  });

  it('a create adds every field, a delete removes every field, an unchanged view has no changes', () => {
    expect(auditChanges(null, { name: 'a', paths: ['/x'] })).toEqual([
      { path: ['name'], op: 'add', after: 'a' },
      { path: ['paths'], op: 'add', after: ['/x'] },
    ]);
    expect(auditChanges({ name: 'a' }, undefined)).toEqual([{ path: ['name'], op: 'remove', before: 'a' }]);
    expect(auditChanges({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
  });
});
