import { describe, expect, it } from 'vitest';
import type { GatewayNode, NodeState } from '@aya/config-schema';
import { applyProgress, applyProgressText } from './gateway-apply';

function node(revision: number, state: NodeState = 'in-sync'): Pick<GatewayNode, 'revision' | 'state'> {
  return { revision, state };
}

describe('applyProgress', () => {
  it('counts live nodes at the revision or later as applied', () => {
    expect(applyProgress([node(7), node(8), node(6, 'drifting')], 7)).toEqual({ applied: 2, total: 3 });
  });

  it('leaves out nodes that stopped reporting before applying', () => {
    expect(applyProgress([node(7), node(3, 'stale')], 7)).toEqual({ applied: 1, total: 1 });
  });

  it('counts a stale node that applied the revision before it stopped', () => {
    expect(applyProgress([node(7, 'stale'), node(6, 'drifting')], 7)).toEqual({ applied: 1, total: 2 });
  });

  it('says so when no gateway is connected', () => {
    expect(applyProgressText({ applied: 0, total: 0 })).toMatch(/No gateway connected/);
    expect(applyProgressText({ applied: 1, total: 1 })).toBe('Applied on 1 of 1 gateway.');
    expect(applyProgressText({ applied: 2, total: 3 })).toBe('Applied on 2 of 3 gateways.');
  });
});
