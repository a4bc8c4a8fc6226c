import { describe, expect, it } from 'vitest';
import { historyOf, sampleRows, sampleStart } from './health-history';

const U = '0b3c8f8e-6f2a-4a51-9d6f-3a0f7f0d2c11';
const report = (target: string, state: 'healthy' | 'unhealthy' | 'open' | 'half-open', latencyMs: number | null = null, upstreamId = U) => ({
  upstreamId,
  target,
  state,
  consecutiveFailures: 0,
  active: 0,
  latencyMs,
  since: '2026-01-01T00:00:00.000Z',
});

describe('health history', () => {
  it('starts intervals on multiples of the sample length', () => {
    expect(sampleStart(Date.parse('2026-01-01T00:00:19.999Z'), 10_000).toISOString()).toBe('2026-01-01T00:00:10.000Z');
    expect(sampleStart(Date.parse('2026-01-01T00:00:20.000Z'), 10_000).toISOString()).toBe('2026-01-01T00:00:20.000Z');
  });

  it('stores one row per upstream and target of a heartbeat, the worst of duplicates, uuid upstream ids only', () => {
    const rows = sampleRows([report('a:1', 'healthy', 5), report('a:1', 'open', 9), report('b:1', 'healthy'), report('c:1', 'unhealthy', null, 'not-a-uuid')]);
    expect(rows).toEqual([
      { upstreamId: U, target: 'a:1', state: 'open', latencyMs: 9 },
      { upstreamId: U, target: 'b:1', state: 'healthy', latencyMs: null },
    ]);
  });

  it('combines the nodes of an interval: worst state, mean of the latencies measured; oldest interval first', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const history = historyOf([
      { upstreamId: U, target: 'a:1', at: at(20), state: 'healthy', latencyMs: 10 },
      { upstreamId: U, target: 'a:1', at: at(10), state: 'healthy', latencyMs: 4 },
      { upstreamId: U, target: 'a:1', at: at(20), state: 'half-open', latencyMs: 30 },
      { upstreamId: U, target: 'a:1', at: at(20), state: 'healthy', latencyMs: null },
      { upstreamId: U, target: 'b:1', at: at(20), state: 'unhealthy', latencyMs: null },
      // a state this control plane does not know (a newer gateway's) is left out rather than guessed
      { upstreamId: U, target: 'b:1', at: at(30), state: 'draining', latencyMs: 1 },
    ]);
    expect(history).toEqual([
      {
        target: 'a:1',
        samples: [
          { at: at(10).toISOString(), state: 'healthy', latencyMs: 4 },
          { at: at(20).toISOString(), state: 'half-open', latencyMs: 20 },
        ],
      },
      { target: 'b:1', samples: [{ at: at(20).toISOString(), state: 'unhealthy', latencyMs: null }] },
    ]);
  });
});
