import { describe, expect, it } from 'vitest';
import { summarizeNodes, summarizeTargetHealth } from './overview-summary';

const report = (upstreamId: string, target: string, state: string) => ({ upstreamId, target, state, consecutiveFailures: 0, active: 0, latencyMs: null, since: '2026-01-01T00:00:00.000Z' });

describe('summarizeTargetHealth', () => {
  it('takes the worst state of a target over the nodes, counts unreported targets as unknown and ignores other upstreams', () => {
    const upstreams = [
      { id: 'u1', targets: ['a:1', 'b:1', 'c:1'] },
      { id: 'u2', targets: ['d:1'] },
    ];
    const nodes = [
      { health: [report('u1', 'a:1', 'healthy'), report('u1', 'b:1', 'healthy'), report('u2', 'd:1', 'half-open'), report('other', 'x:1', 'unhealthy')] },
      { health: [report('u1', 'a:1', 'healthy'), report('u1', 'b:1', 'open'), report('u1', 'gone:1', 'unhealthy')] },
      { health: 'not a report' },
    ];
    expect(summarizeTargetHealth(upstreams, nodes)).toEqual({ targets: 4, healthy: 1, unhealthy: 2, unknown: 1 });
  });

  it('is all unknown without a fresh node', () => {
    expect(summarizeTargetHealth([{ id: 'u1', targets: ['a:1', 'b:1'] }], [])).toEqual({ targets: 2, healthy: 0, unhealthy: 0, unknown: 2 });
  });
});

describe('summarizeNodes', () => {
  it('counts nodes by their sync state', () => {
    const nodes = [{ state: 'in-sync' }, { state: 'drifting' }, { state: 'stale' }, { state: 'in-sync' }] as const;
    expect(summarizeNodes(nodes)).toEqual({ total: 4, inSync: 2, drifting: 1, stale: 1 });
  });
});
