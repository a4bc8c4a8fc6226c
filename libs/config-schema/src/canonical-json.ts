/*
 * Canonical JSON: JSON with object keys sorted (UTF-16 code unit order, Array#sort's default) at
 * every level and undefined-valued keys dropped. It is the input of the snapshot hash, so its
 * output must never change: canonical-json.test.ts checks it byte for byte against the original
 * recursive `map().join()` implementation over many generated values.
 *
 * Written for 10,000-route snapshots (~2 MB): one accumulator string (V8 ropes, no per-level
 * arrays), the sorted keys of each object shape computed once and cached, and strings that need
 * no escaping quoted without calling JSON.stringify.
 */

/** what JSON.stringify escapes: quote, backslash, control characters and (lone) surrogates */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * A node of the shape trie: the path from the root is an object's `Object.keys()` sequence.
 * Objects of one shape (every route, every service) end at the same node, which holds their keys
 * sorted and already quoted, so sorting happens once per shape instead of once per object.
 */
interface Shape {
  readonly next: Map<string, Shape>;
  /** the Object.keys() order that leads here, to check a sibling's shape without the trie */
  keys: string[] | null;
  sorted: string[] | null;
  /** `"key":` for each sorted key */
  heads: string[] | null;
}

/* arbitrary user keys (header maps, ...) could grow the trie without bound: start over past this */
const MAX_SHAPES = 20_000;
let root: Shape = newShape();
let shapes = 0;

function newShape(): Shape {
  return { next: new Map(), keys: null, sorted: null, heads: null };
}

/* objects with more keys are maps (headers, query predicates), not records: sort them uncached */
const MAX_SHAPE_KEYS = 64;

function shapeOf(keys: string[]): Shape {
  if (keys.length > MAX_SHAPE_KEYS) return fill(newShape(), keys);
  let node = root;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    let child = node.next.get(k);
    if (child === undefined) {
      if (++shapes > MAX_SHAPES) {
        root = newShape();
        shapes = 0;
        return shapeOf(keys);
      }
      child = newShape();
      node.next.set(k, child);
    }
    node = child;
  }
  return node.sorted === null ? fill(node, keys) : node;
}

function fill(node: Shape, keys: string[]): Shape {
  const sorted = keys.slice().sort();
  node.keys = keys.slice();
  node.sorted = sorted;
  node.heads = sorted.map((k) => `${quote(k)}:`);
  return node;
}

/*
 * The output is appended to one module-level string (a V8 rope) instead of returned level by
 * level; a sink, when set, takes it in ~16 KB chunks so a hash never has to flatten a 2 MB rope.
 * Synchronous throughout: no other call can interleave, save for a getter re-entering (handled).
 */
let out = '';
let sink: ((chunk: string) => void) | null = null;
const CHUNK = 16_384;

/** Appends `value`; for a plain object, returns its shape so the caller can try it on the next sibling. */
function write(value: unknown, hint: Shape | null): Shape | null {
  switch (typeof value) {
    case 'string':
      out += quote(value);
      return null;
    case 'number':
      // JSON.stringify(number): Number#toString, NaN and ±Infinity as null, -0 as 0
      out += Number.isFinite(value) ? `${value}` : 'null';
      return null;
    case 'boolean':
      out += value ? 'true' : 'false';
      return null;
    case 'object':
      if (value === null) out += 'null';
      else if (Array.isArray(value)) writeArray(value);
      else return writeObject(value as Record<string, unknown>, hint);
      return null;
    default:
      // undefined, functions and symbols give 'null'; a bigint throws, exactly like JSON.stringify
      out += JSON.stringify(value) ?? 'null';
      return null;
  }
}

function writeArray(arr: unknown[]): void {
  out += '[';
  // array elements mostly share one shape (every route): try the previous element's first
  let hint: Shape | null = null;
  for (let i = 0; i < arr.length; i++) {
    if (i > 0) out += ',';
    const v = arr[i];
    // a hole: `map().join()` left it empty, so does this (undefined itself is 'null')
    if (v === undefined && !(i in arr)) continue;
    hint = write(v, hint) ?? hint;
  }
  out += ']';
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function writeObject(obj: Record<string, unknown>, hint: Shape | null): Shape {
  const keys = Object.keys(obj);
  const shape = hint !== null && sameKeys(keys, hint.keys as string[]) ? hint : shapeOf(keys);
  const sorted = shape.sorted as string[];
  const heads = shape.heads as string[];
  out += '{';
  let first = true;
  for (let i = 0; i < sorted.length; i++) {
    const v = obj[sorted[i]];
    if (v === undefined) continue;
    if (first) first = false;
    else out += ',';
    out += heads[i];
    write(v, null);
  }
  out += '}';
  // only here, between tokens: a chunk never splits a string (nor a surrogate pair in it)
  if (sink !== null && out.length >= CHUNK) {
    sink(out);
    out = '';
  }
  return shape;
}

function run(value: unknown, to: ((chunk: string) => void) | null): string {
  const savedOut = out;
  const savedSink = sink;
  out = '';
  sink = to;
  try {
    write(value, null);
    return out;
  } finally {
    out = savedOut;
    sink = savedSink;
  }
}

/**
 * JSON with object keys sorted at every level: the input of the snapshot hash, so that the
 * control plane and every gateway agree on it byte for byte.
 */
export function canonicalJson(value: unknown): string {
  return run(value, null);
}

/** canonicalJson(value), handed to `sink` in chunks in order (their concatenation is the same text). */
export function writeCanonicalJson(value: unknown, to: (chunk: string) => void): void {
  const rest = run(value, to);
  if (rest !== '') to(rest);
}
