import { bySpecificity, type Candidate, firstAccepting, type MatchInput, type RouteHit } from './candidate';
import { ParamTrie } from './param-trie';
import type { PathPattern } from './path-pattern';
import { PathTable } from './path-table';

interface RegexCandidate<R> {
  regex: RegExp;
  literal: string;
  c: Candidate<R>;
}

/**
 * The routes of one host bucket and one priority: exact paths, then the longest prefix or
 * `:param` path (most static characters; a literal prefix wins a tie), then regexes in declared
 * order. Each kind has its own precompiled structure, so a lookup touches only what exists.
 */
class Tier<R> {
  private exact: Map<string, Candidate<R>[]> | null = null;
  private prefixes: PathTable<R> | null = null;
  private params: ParamTrie<R> | null = null;
  private regexes: RegexCandidate<R>[] | null = null;

  add(p: PathPattern, c: Candidate<R>): void {
    if (p.kind === 'exact') {
      this.exact ??= new Map();
      const list = this.exact.get(p.path);
      if (list) {
        list.push(c);
        list.sort(bySpecificity);
      } else {
        this.exact.set(p.path, [c]);
      }
    } else if (p.kind === 'prefix') {
      (this.prefixes ??= new PathTable<R>()).add(p.path, c);
    } else if (p.kind === 'regex') {
      (this.regexes ??= []).push({ regex: p.regex, literal: p.literal, c });
    } else {
      (this.params ??= new ParamTrie<R>()).add(p.segments, p.trailingSlash, p.kind === 'params-exact', p.staticChars, c);
    }
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

/** Priority tiers, highest first; nearly every config has just one. */
export class RouteTable<R> {
  private tiers: { priority: number; tier: Tier<R> }[] = [];

  add(priority: number, p: PathPattern, c: Candidate<R>): void {
    let t = this.tiers.find((x) => x.priority === priority);
    if (!t) {
      this.tiers.push((t = { priority, tier: new Tier<R>() }));
      this.tiers.sort((a, b) => b.priority - a.priority);
    }
    t.tier.add(p, c);
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
