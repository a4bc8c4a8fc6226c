import type { SnapshotCertificate, SnapshotRoute, SnapshotService, SnapshotUpstream } from '@aya/config-schema';
import type { RoutePlugins } from '../plugins/chain';
import type { PluginCache } from '../plugins/compile-plugins';
import type { RouterEntry } from '../router/router';
import type { StateSources } from './runtime-state';
import type { RuntimeRoute, RuntimeService } from './types';

/** A compiled service with every input it read, compared by identity before reuse. */
export interface ServiceSlot {
  readonly snap: SnapshotService;
  readonly upstream: SnapshotUpstream | undefined;
  readonly clientCertificate: SnapshotCertificate | undefined;
  readonly caCertificate: SnapshotCertificate | undefined;
  readonly runtime: RuntimeService;
  readonly poolKeys: readonly string[];
  /** reported again at every compile that reuses the service, so each revision's list is complete */
  readonly warnings: readonly string[];
  /** generation of the last compile that used it */
  seen: number;
}

/** A compiled route (its router entry) with the services it was compiled against. */
export interface RouteSlot {
  readonly snap: SnapshotRoute;
  /** services.get(id) for each id of serviceIdsOf(snap), when compiled */
  readonly services: readonly (RuntimeService | undefined)[];
  readonly entry: RouterEntry<RuntimeRoute>;
  /** the plugins it was compiled with: another chain (a plugin, consumer or credential changed) rebuilds it */
  readonly plugins: RoutePlugins | undefined;
  readonly warnings: readonly string[];
  /** generation of the last compile that used it */
  seen: number;
}

/**
 * What a compile leaves for the next one (CompiledConfig.cache). Slots are keyed by the snapshot
 * objects themselves (the config client keeps unchanged items as the same objects across
 * revisions), in WeakMaps shared along a chain of compiles so that nothing is copied per
 * revision and slots die with their snapshot objects. A slot is reused only if the previous
 * compile used it (`seen`): the registries kept exactly that compile's state alive.
 */
export interface CompileCache {
  /** the caller's state sources (not the defaults): other registries invalidate everything */
  readonly sources: StateSources;
  readonly generation: number;
  readonly services: WeakMap<SnapshotService, ServiceSlot>;
  readonly routes: WeakMap<SnapshotRoute, RouteSlot>;
  /** plugin instances and consumer directories (plugins/compile-plugins.ts) */
  readonly plugins: PluginCache;
}

let generations = 0;

/** the cache a compile fills: the previous one's maps when it may reuse them, else new ones */
export function nextCache(sources: StateSources, previous: CompileCache | undefined, plugins: PluginCache): CompileCache {
  return { sources, generation: ++generations, services: previous?.services ?? new WeakMap(), routes: previous?.routes ?? new WeakMap(), plugins };
}

/** true when the slot was used by `previous` (or already by this compile: an item listed twice) */
export function usable(slot: { seen: number }, previous: CompileCache, current: CompileCache): boolean {
  return slot.seen === previous.generation || slot.seen === current.generation;
}

/** Every service a route reads: its own, then its split's, then its match rules', then its fallback. */
export function serviceIdsOf(r: SnapshotRoute): string[] {
  const fallback = r.fallback?.serviceId;
  const ids = r.split ? [r.serviceId, ...r.split.services.map((s) => s.serviceId), ...(r.split.match ?? []).map((m) => m.serviceId)] : [r.serviceId];
  if (fallback !== undefined) ids.push(fallback);
  return ids;
}

/** serviceIdsOf(r) still resolve to the services the slot was compiled against (allocation-free: runs per route) */
export function sameServices(slot: RouteSlot, r: SnapshotRoute, services: ReadonlyMap<string, RuntimeService>): boolean {
  const deps = slot.services;
  if (services.get(r.serviceId) !== deps[0]) return false;
  let k = 1;
  if (r.split) {
    for (const s of r.split.services) if (services.get(s.serviceId) !== deps[k++]) return false;
    for (const m of r.split.match ?? []) if (services.get(m.serviceId) !== deps[k++]) return false;
  }
  const fallback = r.fallback?.serviceId;
  if (fallback !== undefined && services.get(fallback) !== deps[k++]) return false;
  return k === deps.length;
}

export function sameSources(a: StateSources, b: StateSources): boolean {
  return a.statsFor === b.statsFor && a.healthFor === b.healthFor && a.budgetFor === b.budgetFor;
}

/** true when no id occurs twice: reuse by id is only unambiguous then */
export function uniqueIds(items: readonly { id: string }[]): boolean {
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x.id)) return false;
    seen.add(x.id);
  }
  return true;
}
