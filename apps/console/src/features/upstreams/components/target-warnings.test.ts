import { describe, expect, it } from 'vitest';
import { targetWarnings } from './target-warnings';

describe('target warnings', () => {
  it('points at the second of two rows with the same host:port (case and spaces aside)', () => {
    const w = targetWarnings([
      { target: 'a.internal:80', weight: '100' },
      { target: 'b.internal:80', weight: '100' },
      { target: ' A.internal:80 ', weight: '5' },
    ]);
    expect(Object.keys(w.rows)).toEqual(['2']);
    expect(w.rows[2]).toContain('row 1');
    expect(w.group).toBeUndefined();
  });

  it('warns when every filled row has weight 0, not when one is blank (defaults to 100) or there are none', () => {
    expect(targetWarnings([{ target: 'a:1', weight: '0' }, { target: 'b:1', weight: ' 0' }, { target: '', weight: '100' }]).group).toEqual(expect.any(String));
    expect(targetWarnings([{ target: 'a:1', weight: '0' }, { target: 'b:1', weight: '' }]).group).toBeUndefined();
    expect(targetWarnings([{ target: '', weight: '0' }])).toEqual({ rows: {} });
  });
});
