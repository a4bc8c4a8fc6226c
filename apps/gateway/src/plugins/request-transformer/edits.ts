/**
 * The transformers' edit model, shared by request-transformer and response-transformer: `remove` ->
 * `rename` -> `replace` -> `add` -> `append` (Kong's order), applied to a field store (request headers,
 * query string, response headers, a JSON object). Entries are parsed once per config.
 *
 * - remove: the field goes (every value of it)
 * - rename `old:new`: when `old` is there, its value moves to `new` (replacing what `new` held)
 * - replace `name:value`: only when `name` is there
 * - add `name:value`: only when `name` is not there
 * - append `name:value`: one more value (a header line / query parameter; a JSON field becomes an array)
 */
export interface FieldStore<V> {
  has(name: string): boolean;
  set(name: string, value: V): void;
  delete(name: string): void;
  rename(from: string, to: string): void;
  append(name: string, value: V): void;
}

export interface CompiledEdits<V> {
  readonly remove: readonly string[];
  readonly rename: ReadonlyArray<readonly [string, string]>;
  readonly replace: ReadonlyArray<readonly [string, V]>;
  readonly add: ReadonlyArray<readonly [string, V]>;
  readonly append: ReadonlyArray<readonly [string, V]>;
}

export interface RawEdits {
  remove: readonly string[];
  rename: readonly string[];
  replace: readonly string[];
  add: readonly string[];
  append: readonly string[];
}

/** `name:value` split at the first colon (the schema guarantees a non-empty name). */
export function splitEntry(entry: string): [string, string] {
  const colon = entry.indexOf(':');
  return [entry.slice(0, colon), entry.slice(colon + 1)];
}

export function compileEdits<V>(raw: RawEdits, name: (n: string) => string, value: (v: string) => V): CompiledEdits<V> {
  const pairs = (entries: readonly string[]): Array<readonly [string, V]> =>
    entries.map((e) => {
      const [n, v] = splitEntry(e);
      return [name(n), value(v)] as const;
    });
  return {
    remove: raw.remove.map(name),
    rename: raw.rename.map((e) => {
      const [from, to] = splitEntry(e);
      return [name(from), name(to)] as const;
    }),
    replace: pairs(raw.replace),
    add: pairs(raw.add),
    append: pairs(raw.append),
  };
}

export function isEmpty(edits: CompiledEdits<unknown>): boolean {
  return edits.remove.length + edits.rename.length + edits.replace.length + edits.add.length + edits.append.length === 0;
}

export function applyEdits<V>(edits: CompiledEdits<V>, store: FieldStore<V>): void {
  for (const name of edits.remove) store.delete(name);
  for (const [from, to] of edits.rename) if (store.has(from)) store.rename(from, to);
  for (const [name, value] of edits.replace) if (store.has(name)) store.set(name, value);
  for (const [name, value] of edits.add) if (!store.has(name)) store.set(name, value);
  for (const [name, value] of edits.append) store.append(name, value);
}

/** Which list of each step (`headers`, `querystring`, `json`) to compile. */
export function pick<K extends string>(config: Record<keyof RawEdits, Record<K, readonly string[]>>, key: K): RawEdits {
  return {
    remove: config.remove[key],
    rename: config.rename[key],
    replace: config.replace[key],
    add: config.add[key],
    append: config.append[key],
  };
}
