import { describe, expect, it } from 'vitest';
import { appendHealth, meanLatency, sparkline } from './health-history';

const reading = (target: string, state: string, ...latencies: (number | null)[]) => ({ target, state, nodes: latencies.map((latencyMs) => ({ latencyMs })) });

describe('appendHealth', () => {
  it('appends one sample per poll and per target, bounded', () => {
    let h = appendHealth({}, [reading('a:1', 'unhealthy', null)], 1, 3);
    h = appendHealth(h, [reading('a:1', 'healthy', 10, 20), reading('b:1', 'healthy', 5)], 2, 3);
    h = appendHealth(h, [reading('a:1', 'healthy', 30)], 3, 3);
    h = appendHealth(h, [reading('a:1', 'healthy', 40)], 4, 3);
    expect(h['a:1'].map((s) => [s.at, s.state, s.latencyMs])).toEqual([
      [2, 'healthy', 15],
      [3, 'healthy', 30],
      [4, 'healthy', 40],
    ]);
    // b:1 stopped being reported
    expect(h['b:1']).toBeUndefined();
  });

  it('ignores a repeated poll result', () => {
    const h = appendHealth({}, [reading('a:1', 'healthy', 1)], 5);
    expect(appendHealth(h, [reading('a:1', 'healthy', 1)], 5)['a:1']).toHaveLength(1);
  });
});

describe('meanLatency / sparkline', () => {
  it('averages known latencies only', () => {
    expect(meanLatency([{ latencyMs: null }])).toBeNull();
    expect(meanLatency([{ latencyMs: 2 }, { latencyMs: null }, { latencyMs: 4 }])).toBe(3);
  });

  it('right-aligns the series and scales to the max', () => {
    const g = sparkline(
      [
        { at: 1, state: 'healthy', latencyMs: 10 },
        { at: 2, state: 'healthy', latencyMs: null },
        { at: 3, state: 'healthy', latencyMs: 5 },
      ],
      100,
      21,
      5,
    );
    expect(g.max).toBe(10);
    expect(g.points).toBe('50.0,1.0 100.0,10.5');
  });
});
