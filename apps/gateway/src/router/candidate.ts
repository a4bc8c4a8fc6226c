import { queryOf } from '../balancer/pick-context';

/** What the router may read of a request besides method, host and path; IncomingHttpHeaders fits. */
export type HeaderBag = Readonly<Record<string, string | string[] | undefined>>;

export interface MatchInput {
  method: string;
  headers: HeaderBag | undefined;
  /** raw query string with its `?`, or '' */
  query: string;
}

/** Named and numbered (`"1"`, `"2"`...) captures of a regex or `:param` path. */
export type Params = Readonly<Record<string, string>>;

export interface RouteHit<R> {
  readonly route: R;
  /** the part of the path that matched: what stripPath removes */
  readonly prefix: string;
  readonly params: Params | null;
}

/** `["a","b"]`: one of these values; `true`: present. */
export type MatchValue = readonly string[] | true;

export interface RouterEntry<R> {
  route: R;
  hosts: readonly string[];
  paths: readonly string[];
  methods: readonly string[];
  headers?: Readonly<Record<string, MatchValue>>;
  query?: Readonly<Record<string, MatchValue>>;
  /** higher first; absent = 0 */
  priority?: number;
}

interface Predicate {
  header: boolean;
  name: string;
  values: ReadonlySet<string> | null;
}

/**
 * One (route, path) pair with its method and header/query predicates compiled once. Routes
 * sharing a path are tried most specific first: more predicates, then declared order.
 */
export class Candidate<R> {
  readonly methods: ReadonlySet<string> | null;
  private readonly predicates: readonly Predicate[];
  readonly specificity: number;
  /** the match of a static path, built once so a lookup allocates nothing */
  readonly staticHit: RouteHit<R>;

  constructor(
    readonly route: R,
    entry: RouterEntry<R>,
    readonly order: number,
    prefix: string,
  ) {
    this.methods = entry.methods.length ? new Set(entry.methods) : null;
    const preds: Predicate[] = [];
    if (entry.headers) for (const [name, v] of Object.entries(entry.headers)) preds.push({ header: true, name: name.toLowerCase(), values: v === true ? null : new Set(v) });
    if (entry.query) for (const [name, v] of Object.entries(entry.query)) preds.push({ header: false, name, values: v === true ? null : new Set(v) });
    this.predicates = preds;
    this.specificity = preds.length + (this.methods ? 1 : 0);
    this.staticHit = { route, prefix, params: null };
  }

  accepts(input: MatchInput): boolean {
    if (this.methods !== null && !this.methods.has(input.method)) return false;
    const preds = this.predicates;
    for (let i = 0; i < preds.length; i++) {
      const p = preds[i];
      let value: string | undefined;
      if (p.header) {
        const raw = input.headers?.[p.name];
        value = Array.isArray(raw) ? raw[0] : raw;
      } else {
        value = input.query ? queryOf(input.query, p.name) : undefined;
      }
      if (value === undefined || (p.values !== null && !p.values.has(value))) return false;
    }
    return true;
  }
}

export function bySpecificity<R>(a: Candidate<R>, b: Candidate<R>): number {
  return b.specificity - a.specificity || a.order - b.order;
}

/** First candidate of a sorted list that accepts the request. */
export function firstAccepting<R>(list: readonly Candidate<R>[] | undefined, input: MatchInput): Candidate<R> | undefined {
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) if (list[i].accepts(input)) return list[i];
  return undefined;
}
