import type { HeaderTransform } from '@aya/config-schema';

/** Edits a flat `[name, value, ...]` header list in place (the shape both directions use). */
export type HeaderEditor = (list: string[]) => void;

/**
 * Compiles `{rename, remove, set, add}` once; applied in that order, so `set` wins over a
 * renamed or existing header and `add` appends to whatever is left. Names compare
 * case-insensitively; renamed and kept headers keep their values and position.
 */
export function compileHeaderTransform(spec: HeaderTransform | undefined): HeaderEditor | null {
  if (!spec) return null;
  const rename = new Map(Object.entries(spec.rename ?? {}).map(([from, to]) => [from.toLowerCase(), to]));
  const set = Object.entries(spec.set ?? {});
  const add = Object.entries(spec.add ?? {});
  const drop = new Set([...(spec.remove ?? []), ...set.map(([n]) => n)].map((n) => n.toLowerCase()));
  if (!rename.size && !drop.size && !add.length) return null;
  return (list) => {
    let w = 0;
    for (let r = 0; r < list.length; r += 2) {
      let name = list[r];
      let lower = name.toLowerCase();
      const to = rename.get(lower);
      if (to !== undefined) {
        name = to;
        lower = to.toLowerCase();
      }
      if (drop.has(lower)) continue;
      list[w++] = name;
      list[w++] = list[r + 1];
    }
    list.length = w;
    for (const [n, v] of set) list.push(n, v);
    for (const [n, v] of add) list.push(n, v);
  };
}
