import { NODE_STALE_AFTER_MS } from '@aya/config-schema';
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
  it('splits nodes into in sync, drifting and stale by last seen', () => {
    const now = Date.parse('2026-01-01T00:10:00.000Z');
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const nodes = [
      { inSync: true, lastSeenAt: at(1_000) },
      { inSync: false, lastSeenAt: at(2_000) },
      { inSync: false, lastSeenAt: at(NODE_STALE_AFTER_MS + 1) },
      { inSync: true, lastSeenAt: at(NODE_STALE_AFTER_MS) },
    ];
    expect(summarizeNodes(nodes, now)).toEqual({ total: 4, inSync: 2, drifting: 1, stale: 1 });
  });
});
