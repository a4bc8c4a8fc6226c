import { describe, expect, it } from 'vitest';
import type { GatewayNode } from '@aya/config-schema';
import { applyProgress, applyProgressText } from './gateway-apply';

const now = Date.parse('2026-12-03T12:00:00Z');
function node(id: string, revision: number, secondsAgo: number, inSync = false): GatewayNode {
  return { id, hostname: id, version: '1', revision, hash: 'h', inSync, lastSeenAt: new Date(now - secondsAgo * 1000).toISOString() };
}

describe('applyProgress', () => {
  it('counts live nodes at the revision or later as applied', () => {
    expect(applyProgress([node('a', 7, 1), node('b', 8, 2), node('c', 6, 3)], 7, now)).toEqual({ applied: 2, total: 3 });
  });

  it('leaves out nodes that stopped reporting before applying', () => {
    expect(applyProgress([node('a', 7, 1), node('gone', 3, 600)], 7, now)).toEqual({ applied: 1, total: 1 });
  });

  it('trusts the control plane’s in-sync verdict over the browser clock', () => {
    expect(applyProgress([node('skewed', 6, 600, true)], 7, now)).toEqual({ applied: 0, total: 1 });
  });

  it('says so when no gateway is connected', () => {
    expect(applyProgressText({ applied: 0, total: 0 })).toMatch(/No gateway connected/);
    expect(applyProgressText({ applied: 1, total: 1 })).toBe('Applied on 1 of 1 gateway.');
    expect(applyProgressText({ applied: 2, total: 3 })).toBe('Applied on 2 of 3 gateways.');
  });
});
