import type { GatewayNode, NodeState, RevisionNotice } from '@aya/config-schema';

/** A `gateway_nodes` row, as far as the API view reads it. */
export interface NodeRow {
  id: string;
  hostname: string;
  version: string;
  revision: number;
  hash: string;
  lastSeenAt: Date;
  address: string | null;
  workers: number | null;
  pid: number | null;
  runtime: string | null;
  startedAt: Date | null;
  proxyUrls: unknown;
}

/**
 * Stale when its last heartbeat is older than `staleAfterMs` (whatever it reported then); else in sync when it
 * reported the current revision and hash, drifting when not. Revisions are one gap-free sequence, so the
 * difference of the numbers is how many writes the node has not applied.
 */
export function nodeStateOf(
  node: Pick<NodeRow, 'revision' | 'hash' | 'lastSeenAt'>,
  current: RevisionNotice,
  now: number,
  staleAfterMs: number,
): { state: NodeState; revisionsBehind: number } {
  const revisionsBehind = Math.max(0, current.revision - node.revision);
  if (now - node.lastSeenAt.getTime() > staleAfterMs) return { state: 'stale', revisionsBehind };
  const inSync = node.revision === current.revision && node.hash === current.hash;
  return { state: inSync ? 'in-sync' : 'drifting', revisionsBehind };
}

/** The heartbeat's remote address without the IPv4-mapped prefix (`::ffff:10.0.0.5` is 10.0.0.5). */
export function normalizeAddress(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]']);

/**
 * A listener bound to every interface reports a wildcard host nobody can connect to: the address the
 * control plane saw the node's heartbeat come from takes its place (reachable from here, at least).
 */
export function advertisedUrls(proxyUrls: unknown, address: string | null): string[] {
  if (!Array.isArray(proxyUrls)) return [];
  return proxyUrls
    .filter((u): u is string => typeof u === 'string' && URL.canParse(u))
    .map((raw) => {
      const url = new URL(raw);
      if (!address || !WILDCARD_HOSTS.has(url.hostname)) return url.origin;
      url.hostname = address.includes(':') ? `[${address}]` : address;
      return url.origin;
    });
}

/** Seconds since the node started, up to now, or up to its last heartbeat once it stopped reporting. */
export function uptimeSecondsOf(startedAt: Date | null, until: number): number | null {
  return startedAt ? Math.max(0, Math.floor((until - startedAt.getTime()) / 1000)) : null;
}

export function nodeView(n: NodeRow, current: RevisionNotice, now: number, staleAfterMs: number): GatewayNode {
  const { state, revisionsBehind } = nodeStateOf(n, current, now, staleAfterMs);
  return {
    id: n.id,
    hostname: n.hostname,
    version: n.version,
    revision: n.revision,
    hash: n.hash,
    inSync: state === 'in-sync',
    state,
    revisionsBehind,
    address: n.address,
    workers: n.workers,
    pid: n.pid,
    runtime: n.runtime,
    startedAt: n.startedAt?.toISOString() ?? null,
    uptimeSeconds: uptimeSecondsOf(n.startedAt, state === 'stale' ? n.lastSeenAt.getTime() : now),
    proxyUrls: advertisedUrls(n.proxyUrls, n.address),
    lastSeenAt: n.lastSeenAt.toISOString(),
  };
}
