import type { TargetHealthReport } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { mergeHealth } from './merge-health';

const h = (target: string, over: Partial<TargetHealthReport> = {}): TargetHealthReport => ({
  upstreamId: 'up',
  target,
  state: 'healthy',
  consecutiveFailures: 0,
  active: 1,
  latencyMs: 10,
  since: '2026-11-25T00:00:00.000Z',
  ...over,
});

describe('mergeHealth', () => {
  it('combines the workers\' views of each target: worst state, summed load, mean latency', () => {
    const merged = mergeHealth([
      [h('a:1'), h('b:1', { latencyMs: null })],
      [h('a:1', { state: 'open', consecutiveFailures: 3, active: 2, latencyMs: 30, since: '2026-11-25T01:00:00.000Z' }), h('b:1', { latencyMs: 5 })],
      [h('a:1', { state: 'half-open' })],
    ]);
    expect(merged).toEqual([
      h('a:1', { state: 'open', consecutiveFailures: 3, active: 4, latencyMs: 16.7, since: '2026-11-25T01:00:00.000Z' }),
      h('b:1', { active: 2, latencyMs: 5 }),
    ]);
    expect(mergeHealth([])).toEqual([]);
  });
});
