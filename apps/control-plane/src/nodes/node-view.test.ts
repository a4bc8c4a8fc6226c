import { describe, expect, it } from 'vitest';
import { advertisedUrls, nodeStateOf, nodeView, normalizeAddress, type NodeRow } from './node-view';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const STALE_MS = 30_000;
const current = { revision: 10, hash: 'h10' };
const seen = (msAgo: number) => new Date(NOW - msAgo);

describe('nodeStateOf', () => {
  it('is in sync on the current revision and hash, heard from recently', () => {
    expect(nodeStateOf({ revision: 10, hash: 'h10', lastSeenAt: seen(1_000) }, current, NOW, STALE_MS)).toEqual({ state: 'in-sync', revisionsBehind: 0 });
    // the limit itself still counts as heard from
    expect(nodeStateOf({ revision: 10, hash: 'h10', lastSeenAt: seen(STALE_MS) }, current, NOW, STALE_MS).state).toBe('in-sync');
  });

  it('drifts behind by the revisions it has not applied', () => {
    expect(nodeStateOf({ revision: 7, hash: 'h7', lastSeenAt: seen(1_000) }, current, NOW, STALE_MS)).toEqual({ state: 'drifting', revisionsBehind: 3 });
  });

  it('drifts on the current revision with another hash (0 behind)', () => {
    expect(nodeStateOf({ revision: 10, hash: 'other', lastSeenAt: seen(1_000) }, current, NOW, STALE_MS)).toEqual({ state: 'drifting', revisionsBehind: 0 });
  });

  it('is stale past the limit, whatever it last reported', () => {
    expect(nodeStateOf({ revision: 10, hash: 'h10', lastSeenAt: seen(STALE_MS + 1) }, current, NOW, STALE_MS)).toEqual({ state: 'stale', revisionsBehind: 0 });
    expect(nodeStateOf({ revision: 4, hash: 'h4', lastSeenAt: seen(STALE_MS + 1) }, current, NOW, STALE_MS)).toEqual({ state: 'stale', revisionsBehind: 6 });
  });

  it('counts a node past the current revision (a control plane restored from an older backup) as 0 behind', () => {
    expect(nodeStateOf({ revision: 12, hash: 'h12', lastSeenAt: seen(0) }, current, NOW, STALE_MS)).toEqual({ state: 'drifting', revisionsBehind: 0 });
  });
});

describe('advertisedUrls', () => {
  it('puts the address the heartbeat came from in place of a wildcard host', () => {
    expect(advertisedUrls(['http://0.0.0.0:8000', 'https://0.0.0.0:8443'], '10.0.0.5')).toEqual(['http://10.0.0.5:8000', 'https://10.0.0.5:8443']);
    expect(advertisedUrls(['http://[::]:8000'], 'fd00::5')).toEqual(['http://[fd00::5]:8000']);
  });

  it('keeps a concrete host, and a wildcard when no address is known', () => {
    expect(advertisedUrls(['http://127.0.0.1:8000'], '10.0.0.5')).toEqual(['http://127.0.0.1:8000']);
    expect(advertisedUrls(['http://0.0.0.0:8000'], null)).toEqual(['http://0.0.0.0:8000']);
  });

  it('reads only strings that parse as URLs from the stored JSON', () => {
    expect(advertisedUrls(null, '10.0.0.5')).toEqual([]);
    expect(advertisedUrls(['not a url', 5, 'http://gw:8000'], null)).toEqual(['http://gw:8000']);
  });
});

describe('normalizeAddress', () => {
  it('drops the IPv4-mapped prefix and keeps IPv6', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('::1')).toBe('::1');
    expect(normalizeAddress(undefined)).toBeNull();
  });
});

describe('nodeView', () => {
  const row: NodeRow = {
    id: 'gw-1',
    hostname: 'gw-host',
    version: '0.1.0',
    revision: 10,
    hash: 'h10',
    lastSeenAt: seen(2_000),
    address: '10.0.0.5',
    workers: 4,
    pid: 123,
    runtime: 'node v22.0.0',
    startedAt: new Date(NOW - 3_600_500),
    proxyUrls: ['http://0.0.0.0:8000'],
  };

  it('reports uptime up to now while the node reports', () => {
    expect(nodeView(row, current, NOW, STALE_MS)).toMatchObject({
      state: 'in-sync',
      inSync: true,
      uptimeSeconds: 3600,
      startedAt: '2026-12-03T10:59:59.500Z',
      proxyUrls: ['http://10.0.0.5:8000'],
      workers: 4,
    });
  });

  it('stops the uptime clock at the last heartbeat of a stale node', () => {
    const stale = { ...row, lastSeenAt: seen(600_000) };
    expect(nodeView(stale, current, NOW, STALE_MS)).toMatchObject({ state: 'stale', inSync: false, uptimeSeconds: 3000 });
  });

  it('shows an older gateway without the facts it does not report', () => {
    const old = { ...row, address: null, workers: null, pid: null, runtime: null, startedAt: null, proxyUrls: [] };
    expect(nodeView(old, current, NOW, STALE_MS)).toMatchObject({ workers: null, startedAt: null, uptimeSeconds: null, proxyUrls: [] });
  });
});
