import { bySpecificity, type Candidate, firstAccepting, type MatchInput } from './candidate';
import type { Owner } from './owner';
import { ShardedMap } from './sharded-map';

/**
 * Longest-prefix path matching on segment boundaries: `/api` matches `/api`, `/api/` and
 * `/api/x` but not `/apix`. A lookup probes a Map once per candidate boundary of the request
 * path (longest first), so its cost depends on the path depth, not on the number of routes.
 */
export class PathTable<R> {
  private readonly prefixes: ShardedMap<readonly Candidate<R>[]>;

  constructor(
    readonly owner: Owner = {},
    from?: PathTable<R>,
  ) {
    this.prefixes = from ? from.prefixes.own(owner) : new ShardedMap(owner);
  }

  /** this table when `owner` may mutate it, else a copy that it may */
  own(owner: Owner): PathTable<R> {
    return this.owner === owner ? this : new PathTable(owner, this);
  }

  add(prefix: string, c: Candidate<R>): void {
    const list = this.prefixes.get(prefix);
    // Method/predicate-specific routes shadow catch-all ones on the same prefix; otherwise first added wins.
    // A new array: the old one may be shared with an older router.
    this.prefixes.set(prefix, list ? [...list, c].sort(bySpecificity) : [c]);
  }

  /** how many times `c` was removed (0 when absent) */
  remove(prefix: string, c: Candidate<R>): number {
    const list = this.prefixes.get(prefix);
    if (list === undefined) return 0;
    const rest = list.filter((x) => x !== c);
    if (rest.length > 0) this.prefixes.set(prefix, rest);
    else this.prefixes.delete(prefix);
    return list.length - rest.length;
  }

  find(path: string, input: MatchInput): Candidate<R> | undefined {
    const prefixes = this.prefixes;
    const whole = firstAccepting(prefixes.probe(path, path.length), input);
    if (whole !== undefined) return whole;
    for (let i = path.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : path.lastIndexOf('/', i - 1)) {
      if (i + 1 < path.length) {
        const withSlash = firstAccepting(prefixes.probe(path, i + 1), input);
        if (withSlash !== undefined) return withSlash;
      }
      if (i > 0) {
        const bare = firstAccepting(prefixes.probe(path, i), input);
        if (bare !== undefined) return bare;
      }
    }
    return undefined;
  }
}
