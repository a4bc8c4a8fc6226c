import { describe, expect, it } from 'vitest';
import { placeSamples, sparkline } from './health-history';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('placeSamples', () => {
  it('puts the newest sample last and keeps a missing interval as an empty slot', () => {
    const placed = placeSamples(
      [
        { at: at(0), state: 'unhealthy', latencyMs: null },
        { at: at(10), state: 'healthy', latencyMs: 15 },
        // no gateway reported at 20 s
        { at: at(30), state: 'healthy', latencyMs: 30 },
      ],
      10_000,
      5,
    );
    expect(placed.map((s) => [s.slot, s.state, s.latencyMs])).toEqual([
      [1, 'unhealthy', null],
      [2, 'healthy', 15],
      [4, 'healthy', 30],
    ]);
  });

  it('leaves out what is older than the chart shows, and has nothing to place without samples', () => {
    expect(placeSamples([{ at: at(0), state: 'healthy', latencyMs: 1 }, { at: at(50), state: 'healthy', latencyMs: 2 }], 10_000, 5).map((s) => s.slot)).toEqual([4]);
    expect(placeSamples([], 10_000)).toEqual([]);
  });
});

describe('sparkline', () => {
  it('draws each latency at its slot, scaled to the max, skipping samples without one', () => {
    const g = sparkline(
      [
        { slot: 2, at: 1, state: 'healthy', latencyMs: 10 },
        { slot: 3, at: 2, state: 'healthy', latencyMs: null },
        { slot: 4, at: 3, state: 'healthy', latencyMs: 5 },
      ],
      100,
      21,
      5,
    );
    expect(g.max).toBe(10);
    expect(g.points).toBe('50.0,1.0 100.0,10.5');
  });
});
