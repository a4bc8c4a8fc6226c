import type { TargetRow } from './targets-editor';

export interface TargetWarnings {
  /** row index -> what is wrong with its target */
  rows: Record<number, string>;
  /** about the whole list */
  group?: string;
}

const normal = (target: string): string => target.trim().toLowerCase();

/**
 * What the API accepts but is almost certainly a mistake: the same host:port twice (it gets twice the share of
 * traffic under two rows), and every weight 0 (every target drained: the upstream sends nothing anywhere).
 */
export function targetWarnings(rows: readonly TargetRow[]): TargetWarnings {
  const first = new Map<string, number>();
  const out: TargetWarnings = { rows: {} };
  rows.forEach((row, i) => {
    const key = normal(row.target);
    if (key === '') return;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else out.rows[i] = `Same target as row ${seen + 1}: remove one, or give one row the combined weight.`;
  });
  const filled = rows.filter((r) => normal(r.target) !== '');
  if (filled.length > 0 && filled.every((r) => r.weight.trim() !== '' && Number(r.weight) === 0)) {
    out.group = 'Every weight is 0: all targets are drained and no request will be sent. Give at least one target a weight above 0.';
  }
  return out;
}
