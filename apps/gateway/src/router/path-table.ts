import { bySpecificity, type Candidate, firstAccepting, type MatchInput } from './candidate';

/**
 * Longest-prefix path matching on segment boundaries: `/api` matches `/api`, `/api/` and
 * `/api/x` but not `/apix`. A lookup probes a Map once per candidate boundary of the request
 * path (longest first), so its cost depends on the path depth, not on the number of routes.
 */
export class PathTable<R> {
  private readonly prefixes = new Map<string, Candidate<R>[]>();
  /** lengths[n]: some prefix has n chars; skips the slice + Map probe for all other lengths */
  private lengths: boolean[] = [];

  add(prefix: string, c: Candidate<R>): void {
    const list = this.prefixes.get(prefix);
    if (list) {
      list.push(c);
      // Method/predicate-specific routes shadow catch-all ones on the same prefix; otherwise first added wins.
      list.sort(bySpecificity);
    } else {
      this.prefixes.set(prefix, [c]);
    }
    this.lengths[prefix.length] = true;
  }

  find(path: string, input: MatchInput): Candidate<R> | undefined {
    if (this.lengths[path.length] === true) {
      const hit = firstAccepting(this.prefixes.get(path), input);
      if (hit !== undefined) return hit;
    }
    for (let i = path.lastIndexOf('/'); i >= 0; i = i === 0 ? -1 : path.lastIndexOf('/', i - 1)) {
      if (i + 1 < path.length && this.lengths[i + 1] === true) {
        const withSlash = firstAccepting(this.prefixes.get(path.slice(0, i + 1)), input);
        if (withSlash !== undefined) return withSlash;
      }
      if (i > 0 && this.lengths[i] === true) {
        const bare = firstAccepting(this.prefixes.get(path.slice(0, i)), input);
        if (bare !== undefined) return bare;
      }
    }
    return undefined;
  }
}
