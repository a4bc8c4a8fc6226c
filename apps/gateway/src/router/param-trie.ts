import { bySpecificity, type Candidate, type MatchInput, type Params, type RouteHit } from './candidate';
import type { Segment } from './path-pattern';

interface Terminal<R> {
  c: Candidate<R>;
  names: readonly string[];
  exact: boolean;
  trailingSlash: boolean;
  staticChars: number;
}

class Node<R> {
  statics: Map<string, Node<R>> | null = null;
  param: Node<R> | null = null;
  terminals: Terminal<R>[] = [];
}

/**
 * Paths with `:name` segments, in a segment trie: a lookup walks the request path's segments
 * (literal children before the param child) and keeps the best terminal: exact before prefix,
 * then the most static characters, then the most specific predicates, then declared order.
 * Capture positions live in a reusable array; only the winning match allocates its params.
 */
export class ParamTrie<R> {
  private readonly root = new Node<R>();
  private readonly spans: number[] = [];
  private best: Terminal<R> | undefined;
  private bestSpans: number[] = [];
  private bestEnd = 0;
  /** of the last hit: was it an exact path, how many static characters it matched */
  lastExact = false;
  lastStaticChars = 0;

  add(segments: readonly Segment[], trailingSlash: boolean, exact: boolean, staticChars: number, c: Candidate<R>): void {
    let node = this.root;
    const names: string[] = [];
    for (const s of segments) {
      if (typeof s === 'string') {
        node.statics ??= new Map();
        let next = node.statics.get(s);
        if (!next) node.statics.set(s, (next = new Node<R>()));
        node = next;
      } else {
        names.push(s.param);
        node = node.param ??= new Node<R>();
      }
    }
    node.terminals.push({ c, names, exact, trailingSlash, staticChars });
    node.terminals.sort((a, b) => Number(b.exact) - Number(a.exact) || b.staticChars - a.staticChars || bySpecificity(a.c, b.c));
  }

  find(path: string, input: MatchInput): RouteHit<R> | undefined {
    this.best = undefined;
    this.walk(this.root, path, 0, 0, input);
    // walk() sets it; TS cannot see that through the call
    const best = this.best as Terminal<R> | undefined;
    if (best === undefined) return undefined;
    this.best = undefined;
    this.lastExact = best.exact;
    this.lastStaticChars = best.staticChars;
    const params: Record<string, string> = {};
    for (let i = 0; i < best.names.length; i++) {
      const value = path.slice(this.bestSpans[2 * i], this.bestSpans[2 * i + 1]);
      params[best.names[i]] = value;
      params[String(i + 1)] = value;
    }
    return { route: best.c.route, prefix: path.slice(0, this.bestEnd), params: params as Params };
  }

  /** `pos`: index of the `/` before the next segment, or path.length */
  private walk(node: Node<R>, path: string, pos: number, depth: number, input: MatchInput): void {
    if (node !== this.root) this.consider(node, path, pos, depth, input);
    if (pos >= path.length || path.charCodeAt(pos) !== 47 /* / */) return;
    let end = path.indexOf('/', pos + 1);
    if (end < 0) end = path.length;
    const next = node.statics?.get(path.slice(pos + 1, end));
    if (next) this.walk(next, path, end, depth, input);
    if (node.param && end > pos + 1) {
      this.spans[2 * depth] = pos + 1;
      this.spans[2 * depth + 1] = end;
      this.walk(node.param, path, end, depth + 1, input);
    }
  }

  private consider(node: Node<R>, path: string, pos: number, depth: number, input: MatchInput): void {
    const rest = path.length - pos;
    const slash = rest > 0 && path.charCodeAt(pos) === 47;
    for (const t of node.terminals) {
      const fits = t.exact ? (t.trailingSlash ? rest === 1 && slash : rest === 0) : t.trailingSlash ? slash : rest === 0 || slash;
      if (!fits || !this.better(t) || !t.c.accepts(input)) continue;
      this.best = t;
      this.bestSpans = this.spans.slice(0, 2 * depth);
      this.bestEnd = t.trailingSlash ? pos + 1 : pos;
      return; // terminals are sorted: the first that fits and accepts is this node's best
    }
  }

  private better(t: Terminal<R>): boolean {
    const b = this.best;
    if (b === undefined) return true;
    if (t.exact !== b.exact) return t.exact;
    if (t.staticChars !== b.staticChars) return t.staticChars > b.staticChars;
    return bySpecificity(t.c, b.c) < 0;
  }
}
