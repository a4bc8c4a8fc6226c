import { bySpecificity, type Candidate, type MatchInput, type Params, type RouteHit } from './candidate';
import type { Owner } from './owner';
import type { Segment } from './path-pattern';

interface Terminal<R> {
  c: Candidate<R>;
  names: readonly string[];
  exact: boolean;
  trailingSlash: boolean;
  staticChars: number;
}

/** Mutable only by its owner; a build that does not own a node on its way copies it (path copying). */
class Node<R> {
  statics: Map<string, Node<R>> | null;
  param: Node<R> | null;
  terminals: Terminal<R>[];

  constructor(
    readonly owner: Owner,
    from?: Node<R>,
  ) {
    this.statics = from?.statics ? new Map(from.statics) : null;
    this.param = from?.param ?? null;
    this.terminals = from ? from.terminals.slice() : [];
  }
}

const byRank = <R>(a: Terminal<R>, b: Terminal<R>): number =>
  Number(b.exact) - Number(a.exact) || b.staticChars - a.staticChars || bySpecificity(a.c, b.c);

/**
 * Paths with `:name` segments, in a segment trie: a lookup walks the request path's segments
 * (literal children before the param child) and keeps the best terminal: exact before prefix,
 * then the most static characters, then the most specific predicates, then declared order.
 * Capture positions live in a reusable array; only the winning match allocates its params.
 */
export class ParamTrie<R> {
  private root: Node<R>;
  private readonly spans: number[] = [];
  private best: Terminal<R> | undefined;
  private bestSpans: number[] = [];
  private bestEnd = 0;
  /** of the last hit: was it an exact path, how many static characters it matched */
  lastExact = false;
  lastStaticChars = 0;

  constructor(
    readonly owner: Owner = {},
    from?: ParamTrie<R>,
  ) {
    this.root = from ? from.root : new Node<R>(owner);
  }

  /** this trie when `owner` may mutate it, else a copy (sharing every node) that it may */
  own(owner: Owner): ParamTrie<R> {
    return this.owner === owner ? this : new ParamTrie(owner, this);
  }

  add(segments: readonly Segment[], trailingSlash: boolean, exact: boolean, staticChars: number, c: Candidate<R>): void {
    const names: string[] = [];
    for (const s of segments) if (typeof s !== 'string') names.push(s.param);
    const node = this.nodeAt(segments, true) as Node<R>;
    node.terminals.push({ c, names, exact, trailingSlash, staticChars });
    node.terminals.sort(byRank);
  }

  /** how many times `c` was removed (0 when absent); emptied nodes stay, they only cost a visit */
  remove(segments: readonly Segment[], c: Candidate<R>): number {
    const node = this.nodeAt(segments, false);
    if (node === undefined) return 0;
    const before = node.terminals.length;
    node.terminals = node.terminals.filter((t) => t.c !== c);
    return before - node.terminals.length;
  }

  /** the node of these segments, owned by this trie (copied on the way down when shared) */
  private nodeAt(segments: readonly Segment[], create: boolean): Node<R> | undefined {
    if (this.root.owner !== this.owner) this.root = new Node(this.owner, this.root);
    let node = this.root;
    for (const s of segments) {
      let next = typeof s === 'string' ? node.statics?.get(s) : (node.param ?? undefined);
      if (next === undefined) {
        if (!create) return undefined;
        next = new Node<R>(this.owner);
      } else if (next.owner !== this.owner) {
        next = new Node(this.owner, next);
      } else {
        node = next;
        continue;
      }
      if (typeof s === 'string') (node.statics ??= new Map()).set(s, next);
      else node.param = next;
      node = next;
    }
    return node;
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
