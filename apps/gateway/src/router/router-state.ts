import { Candidate, type RouterEntry } from './candidate';
import type { Owner } from './owner';
import { parsePathPattern, type PathPattern } from './path-pattern';
import { RouteTable } from './route-table';
import { ShardedMap } from './sharded-map';

/** What one entry put into the tables: enough to take it out again without re-parsing. */
interface EntryRecord<R> {
  readonly entry: RouterEntry<R>;
  /** candidates[k] was placed for patterns[k]; their orders increase along the records */
  readonly patterns: readonly PathPattern[];
  readonly candidates: readonly Candidate<R>[];
  readonly invalid: readonly string[];
}

export interface RouterState<R> {
  /** exact hosts, and wildcard hosts without their `*.` */
  exact: ShardedMap<RouteTable<R>>;
  wildcard: ShardedMap<RouteTable<R>>;
  anyHost: RouteTable<R>;
  readonly invalid: string[];
  /** one per entry, in entry order */
  readonly records: readonly EntryRecord<R>[];
}

/** Above this share of changed entries an update costs about what a rebuild does: rebuild. */
const MAX_CHANGED_SHARE = 0.25;
/** how far the diff looks ahead for an entry before calling it replaced */
const LOOKAHEAD = 8;
const NONE: readonly string[] = [];

export function buildState<R>(entries: readonly RouterEntry<R>[]): RouterState<R> {
  const owner: Owner = {};
  const records: EntryRecord<R>[] = [];
  const s: RouterState<R> = { exact: new ShardedMap(owner), wildcard: new ShardedMap(owner), anyHost: new RouteTable<R>(owner), invalid: [], records };
  let order = 0;
  for (const entry of entries) {
    const { patterns, invalid } = parse(entry);
    records.push({ entry, patterns, candidates: place(s, owner, entry, patterns, order, null), invalid });
    order += patterns.length;
    for (let i = 0; i < invalid.length; i++) s.invalid.push(invalid[i]);
  }
  return s;
}

interface Addition<R> {
  readonly entry: RouterEntry<R>;
  readonly patterns: readonly PathPattern[];
  readonly invalid: readonly string[];
  readonly orders: number[];
  /** where its record goes */
  readonly at: number;
}

/**
 * The state `buildState(entries)` would return, made from `prev`: entries are matched with the
 * previous ones by identity, in order (a greedy diff with a short lookahead); a kept entry keeps
 * its candidates, a removed one is taken out, a new one placed, and every table no change
 * touches is shared. Declared order survives because only relative order matters: a new entry
 * gets orders strictly between its kept neighbours'. Returns null (rebuild) when many entries
 * changed or the float gap between two neighbours is used up.
 */
export function updateState<R>(prev: RouterState<R>, entries: readonly RouterEntry<R>[]): RouterState<R> | null {
  const old = prev.records;
  const budget = Math.max(16, entries.length * MAX_CHANGED_SHARE);
  const records: EntryRecord<R>[] = [];
  const removed: EntryRecord<R>[] = [];
  const additions: Addition<R>[] = [];
  let pending: Addition<R>[] = [];
  let lastOrder = -Infinity;
  const add = (entry: RouterEntry<R>): void => {
    const a: Addition<R> = { entry, ...parse(entry), orders: [], at: records.length };
    records.push({ entry, patterns: a.patterns, candidates: [], invalid: a.invalid });
    additions.push(a);
    pending.push(a);
  };
  let i = 0;
  let j = 0;
  while (i < entries.length) {
    const e = entries[i];
    if (j < old.length && old[j].entry === e) {
      const kept = old[j++];
      i++;
      records.push(kept);
      if (kept.candidates.length === 0) continue;
      const first = kept.candidates[0].order;
      if (first <= lastOrder || !assignOrders(pending, lastOrder, first)) return null;
      pending = [];
      lastOrder = kept.candidates[kept.candidates.length - 1].order;
      continue;
    }
    if (additions.length + removed.length > budget) return null;
    const inserted = j < old.length ? indexWithin(entries, i + 1, old[j].entry) - i : -1;
    if (inserted > 0) {
      for (let k = 0; k < inserted; k++) add(entries[i++]);
      continue;
    }
    const dropped = indexWithin(oldEntries(old, j), 0, e);
    if (dropped >= 0) {
      for (let k = 0; k <= dropped; k++) removed.push(old[j++]);
      continue;
    }
    add(e);
    i++;
    if (j < old.length) removed.push(old[j++]);
  }
  while (j < old.length) removed.push(old[j++]);
  if (additions.length + removed.length > budget || !assignOrders(pending, lastOrder, Infinity)) return null;

  const owner: Owner = {};
  const s: RouterState<R> = { exact: prev.exact.own(owner), wildcard: prev.wildcard.own(owner), anyHost: prev.anyHost, invalid: [], records };
  for (const r of removed) unplace(s, owner, r);
  for (const a of additions) records[a.at] = { entry: a.entry, patterns: a.patterns, candidates: place(s, owner, a.entry, a.patterns, 0, a.orders), invalid: a.invalid };
  for (const r of records) for (let k = 0; k < r.invalid.length; k++) s.invalid.push(r.invalid[k]);
  return s;
}

/** index in `list` of `e` among the LOOKAHEAD items from `from`, or -1 */
function indexWithin<R>(list: readonly RouterEntry<R>[], from: number, e: RouterEntry<R>): number {
  const end = Math.min(list.length, from + LOOKAHEAD);
  for (let k = from; k < end; k++) if (list[k] === e) return k;
  return -1;
}

/** the entries of the LOOKAHEAD records after `j` (the one at j is known not to match) */
function oldEntries<R>(old: readonly EntryRecord<R>[], j: number): RouterEntry<R>[] {
  const out: RouterEntry<R>[] = [];
  for (let k = j + 1; k < Math.min(old.length, j + 1 + LOOKAHEAD); k++) out.push(old[k].entry);
  return out;
}

/** Orders strictly between lo and hi, increasing, for every valid path of the pending entries. */
function assignOrders<R>(pending: readonly Addition<R>[], lo: number, hi: number): boolean {
  let m = 0;
  for (const a of pending) m += a.patterns.length;
  if (m === 0) return true;
  let next: (j: number) => number;
  if (lo === -Infinity) next = hi === Infinity ? (j) => j : (j) => hi - m + j;
  else if (hi === Infinity) next = (j) => lo + 1 + j;
  else next = (j) => lo + ((hi - lo) * (j + 1)) / (m + 1);
  let j = 0;
  let previous = lo;
  for (const a of pending) {
    for (let k = 0; k < a.patterns.length; k++) {
      const o = next(j++);
      if (!(o > previous && o < hi)) return false;
      a.orders.push(o);
      previous = o;
    }
  }
  return true;
}

function parse<R>(e: RouterEntry<R>): { patterns: PathPattern[]; invalid: readonly string[] } {
  const patterns: PathPattern[] = [];
  let invalid = NONE;
  for (const raw of e.paths) {
    const pattern = parsePathPattern(raw);
    if (typeof pattern !== 'string') patterns.push(pattern);
    else invalid = [...invalid, `${raw}: ${pattern}`];
  }
  return { patterns, invalid };
}

/** orders[k] (an update) or first + k (a build) is the declared order of patterns[k] */
function place<R>(s: RouterState<R>, owner: Owner, e: RouterEntry<R>, patterns: readonly PathPattern[], first: number, orders: readonly number[] | null): Candidate<R>[] {
  const candidates: Candidate<R>[] = [];
  const priority = e.priority ?? 0;
  for (let k = 0; k < patterns.length; k++) {
    const pattern = patterns[k];
    const prefix = pattern.kind === 'exact' || pattern.kind === 'prefix' ? pattern.path : '';
    const c = new Candidate(e.route, e, orders === null ? first + k : orders[k], prefix);
    candidates.push(c);
    if (e.hosts.length === 0) (s.anyHost = s.anyHost.own(owner)).add(priority, pattern, c);
    for (const h of e.hosts) hostTable(s, owner, h.toLowerCase(), true)?.add(priority, pattern, c);
  }
  return candidates;
}

function unplace<R>(s: RouterState<R>, owner: Owner, record: EntryRecord<R>): void {
  const e = record.entry;
  const priority = e.priority ?? 0;
  for (let k = 0; k < record.candidates.length; k++) {
    const pattern = record.patterns[k];
    const c = record.candidates[k];
    if (e.hosts.length === 0) (s.anyHost = s.anyHost.own(owner)).remove(priority, pattern, c);
    for (const h of e.hosts) {
      const host = h.toLowerCase();
      const table = hostTable(s, owner, host, false);
      if (table === undefined) continue;
      table.remove(priority, pattern, c);
      if (table.size === 0) mapOf(s, host).delete(keyOf(host));
    }
  }
}

const mapOf = <R>(s: RouterState<R>, host: string): ShardedMap<RouteTable<R>> => (host.startsWith('*.') ? s.wildcard : s.exact);
const keyOf = (host: string): string => (host.startsWith('*.') ? host.slice(2) : host);

/** the table of a host, owned by this build (the state's host maps always are) */
function hostTable<R>(s: RouterState<R>, owner: Owner, host: string, create: boolean): RouteTable<R> | undefined {
  const map = mapOf(s, host);
  const key = keyOf(host);
  const table = map.get(key);
  if (table === undefined && !create) return undefined;
  const owned = table === undefined ? new RouteTable<R>(owner) : table.own(owner);
  if (owned !== table) map.set(key, owned);
  return owned;
}
