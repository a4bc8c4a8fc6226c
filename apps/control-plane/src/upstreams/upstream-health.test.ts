import { describe, expect, it } from 'vitest';
import { aggregateHealth } from './upstream-health';

const seen = new Date('2026-01-01T00:00:00.000Z');
const report = (target: string, state: string, upstreamId = 'u1') => ({
  upstreamId,
  target,
  state,
  consecutiveFailures: state === 'healthy' ? 0 : 3,
  active: 1,
  latencyMs: null,
  since: '2026-01-01T00:00:00.000Z',
});

describe('aggregateHealth', () => {
  it('reports the worst state per target, in configured order, for this upstream only', () => {
    const out = aggregateHealth('u1', ['b:1', 'a:1'], [
      { id: 'n2', lastSeenAt: seen, health: [report('a:1', 'half-open'), report('b:1', 'healthy'), report('z:1', 'open', 'u2')] },
      { id: 'n1', lastSeenAt: seen, health: [report('a:1', 'healthy'), report('b:1', 'healthy'), report('old:1', 'open')] },
    ]);
    expect(out.map((t) => [t.target, t.state])).toEqual([
      ['b:1', 'healthy'],
      ['a:1', 'half-open'],
      ['old:1', 'open'],
    ]);
    expect(out[1].nodes.map((n) => n.nodeId)).toEqual(['n1', 'n2']);
    expect(out[1].nodes[0]).toEqual({ nodeId: 'n1', state: 'healthy', consecutiveFailures: 0, active: 1, latencyMs: null, since: '2026-01-01T00:00:00.000Z', lastSeenAt: seen.toISOString() });
  });

  it('ranks unhealthy over open over half-open, and ignores malformed stored health', () => {
    const out = aggregateHealth('u1', ['a:1'], [
      { id: 'n1', lastSeenAt: seen, health: [report('a:1', 'open')] },
      { id: 'n2', lastSeenAt: seen, health: [report('a:1', 'unhealthy')] },
      { id: 'n3', lastSeenAt: seen, health: 'garbage' },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].state).toBe('unhealthy');
  });
});
