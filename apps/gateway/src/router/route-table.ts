import { bySpecificity, type Candidate, firstAccepting, type MatchInput, type RouteHit } from './candidate';
import type { Owner } from './owner';
import { ParamTrie } from './param-trie';
import type { PathPattern } from './path-pattern';
import { PathTable } from './path-table';
import { ShardedMap } from './sharded-map';

interface RegexCandidate<R> {
  regex: RegExp;
  literal: string;
  c: Candidate<R>;
}

/**
 * The routes of one host bucket and one priority: exact paths, then the longest prefix or
 * `:param` path (most static characters; a literal prefix wins a tie), then regexes in declared
 * order. Each kind has its own precompiled structure, so a lookup touches only what exists.
 * Copy on write (see owner.ts): a shared structure is copied before this tier changes it.
 */
class Tier<R> {
  private exact: ShardedMap<readonly Candidate<R>[]> | null;
  private prefixes: PathTable<R> | null;
  private params: ParamTrie<R> | null;
  private regexes: RegexCandidate<R>[] | null;
  private regexesOwned: boolean;
  /** candidates placed here: an empty tier is dropped */
  size: number;

  constructor(
    readonly owner: Owner,
    from?: Tier<R>,
  ) {
    this.exact = from?.exact ?? null;
    this.prefixes = from?.prefixes ?? null;
    this.params = from?.params ?? null;
    this.regexes = from?.regexes ?? null;
    this.regexesOwned = from === undefined;
    this.size = from?.size ?? 0;
  }

  own(owner: Owner): Tier<R> {
    return this.owner === owner ? this : new Tier(owner, this);
  }

  add(p: PathPattern, c: Candidate<R>): void {
    this.size++;
    if (p.kind === 'exact') {
      const exact = this.ownExact();
      const list = exact.get(p.path);
      exact.set(p.path, list ? [...list, c].sort(bySpecificity) : [c]);
    } else if (p.kind === 'prefix') {
      (this.prefixes = this.prefixes?.own(this.owner) ?? new PathTable<R>(this.owner)).add(p.path, c);
    } else if (p.kind === 'regex') {
      // declared order = candidate order; an update may insert in the middle
      const list = this.ownRegexes();
      let i = list.length;
      while (i > 0 && list[i - 1].c.order > c.order) i--;
      list.splice(i, 0, { regex: p.regex, literal: p.literal, c });
    } else {
      (this.params = this.params?.own(this.owner) ?? new ParamTrie<R>(this.owner)).add(p.segments, p.trailingSlash, p.kind === 'params-exact', p.staticChars, c);
    }
  }

  /** how many times `c` was removed (0 when absent) */
  remove(p: PathPattern, c: Candidate<R>): number {
    let n = 0;
    if (p.kind === 'exact') {
      const list = this.exact?.get(p.path);
      if (list === undefined) return 0;
      const rest = list.filter((x) => x !== c);
      const exact = this.ownExact();
      if (rest.length > 0) exact.set(p.path, rest);
      else exact.delete(p.path);
      n = list.length - rest.length;
    } else if (p.kind === 'prefix') {
      if (this.prefixes !== null) n = (this.prefixes = this.prefixes.own(this.owner)).remove(p.path, c);
    } else if (p.kind === 'regex') {
      const list = this.regexes ?? [];
      const rest = list.filter((x) => x.c !== c);
      n = list.length - rest.length;
      if (n > 0) {
        this.regexes = rest.length > 0 ? rest : null;
        this.regexesOwned = true;
      }
    } else if (this.params !== null) {
      n = (this.params = this.params.own(this.owner)).remove(p.segments, c);
    }
    this.size -= n;
    return n;
  }

  private ownExact(): ShardedMap<readonly Candidate<R>[]> {
    return (this.exact = this.exact?.own(this.owner) ?? new ShardedMap(this.owner));
  }

  private ownRegexes(): RegexCandidate<R>[] {
    if (this.regexes === null || !this.regexesOwned) {
      this.regexes = this.regexes ? this.regexes.slice() : [];
      this.regexesOwned = true;
    }
    return this.regexes;
  }

  find(path: string, input: MatchInput): RouteHit<R> | undefined {
    if (this.exact !== null) {
      const hit = firstAccepting(this.exact.get(path), input);
      if (hit !== undefined) return hit.staticHit;
    }
    const prefix = this.prefixes?.find(path, input);
    if (this.params !== null) {
      const hit = this.params.find(path, input);
      // an exact param path beats any prefix; a param prefix needs more static characters
      if (hit !== undefined && (prefix === undefined || this.params.lastExact || this.params.lastStaticChars > prefix.staticHit.prefix.length)) {
        return hit;
      }
    }
    if (prefix !== undefined) return prefix.staticHit;
    if (this.regexes !== null) {
      for (const { regex, literal, c } of this.regexes) {
        if (!path.startsWith(literal)) continue;
        const m = regex.exec(path);
        if (m !== null && c.accepts(input)) return regexHit(c, m);
      }
    }
    return undefined;
  }
}

function regexHit<R>(c: Candidate<R>, m: RegExpExecArray): RouteHit<R> {
  const params: Record<string, string> = {};
  for (let i = 1; i < m.length; i++) if (m[i] !== undefined) params[String(i)] = m[i];
  if (m.groups) for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) params[k] = v;
  return { route: c.route, prefix: m[0], params };
}

interface PriorityTier<R> {
  readonly priority: number;
  readonly tier: Tier<R>;
}

/** Priority tiers, highest first; nearly every config has just one. Copy on write like Tier. */
export class RouteTable<R> {
  private tiers: readonly PriorityTier<R>[];
  /** candidates placed here: an empty host table is dropped */
  size: number;

  constructor(
    readonly owner: Owner = {},
    from?: RouteTable<R>,
  ) {
    this.tiers = from?.tiers ?? [];
    this.size = from?.size ?? 0;
  }

  own(owner: Owner): RouteTable<R> {
    return this.owner === owner ? this : new RouteTable(owner, this);
  }

  add(priority: number, p: PathPattern, c: Candidate<R>): void {
    const i = this.tiers.findIndex((x) => x.priority === priority);
    const tier = i >= 0 ? this.tiers[i].tier.own(this.owner) : new Tier<R>(this.owner);
    tier.add(p, c);
    this.size++;
    if (i >= 0 && tier === this.tiers[i].tier) return;
    const next = { priority, tier };
    this.tiers = i >= 0 ? this.tiers.map((x, j) => (j === i ? next : x)) : [...this.tiers, next].sort((a, b) => b.priority - a.priority);
  }

  /** how many times `c` was removed (0 when absent) */
  remove(priority: number, p: PathPattern, c: Candidate<R>): number {
    const i = this.tiers.findIndex((x) => x.priority === priority);
    if (i < 0) return 0;
    const tier = this.tiers[i].tier.own(this.owner);
    const n = tier.remove(p, c);
    this.size -= n;
    this.tiers = tier.size > 0 ? this.tiers.map((x, j) => (j === i ? { priority, tier } : x)) : this.tiers.filter((_, j) => j !== i);
    return n;
  }

  find(path: string, input: MatchInput): RouteHit<R> | undefined {
    const tiers = this.tiers;
    for (let i = 0; i < tiers.length; i++) {
      const hit = tiers[i].tier.find(path, input);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
}
