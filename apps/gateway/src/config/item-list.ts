/**
 * An immutable id -> value map that keeps first-insertion order and is cheap to derive from: a
 * new version shares the (large) base and carries a small overlay of the ids changed since (a
 * value, or null for deleted). Copying a 10,000-entry Map costs ~4 ms; this costs the overlay's
 * size, and folds the overlay into a new base only every FOLD_AT changes (amortised).
 */
const FOLD_AT = 512;

export class ItemList<V> {
  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly overlay: ReadonlyMap<string, V | null>,
  ) {}

  static of<V>(entries: Iterable<[string, V]>): ItemList<V> {
    return new ItemList(new Map(entries), new Map());
  }

  get(id: string): V | undefined {
    const o = this.overlay.get(id);
    if (o !== undefined) return o ?? undefined;
    return this.base.get(id);
  }

  /** A new list with `changes` applied (null deletes); this one is left as it was. Orders like a Map. */
  with(changes: ReadonlyMap<string, V | null>): ItemList<V> {
    let base = this.base;
    let overlay = new Map(this.overlay);
    for (const [id, v] of changes) {
      // deleted, then put again: a Map puts it last, so it must leave its old place
      if (v !== null && overlay.get(id) === null) {
        if (base.has(id)) {
          base = fold(base, overlay);
          overlay = new Map();
        } else {
          overlay.delete(id);
        }
      }
      overlay.set(id, v);
    }
    return overlay.size >= FOLD_AT ? new ItemList(fold(base, overlay), new Map()) : new ItemList(base, overlay);
  }

  /** In first-insertion order: the base's ids (replaced values in place, deleted ones skipped), then new ids. */
  *values(): Generator<V> {
    for (const [id, v] of this.base) {
      const o = this.overlay.get(id);
      if (o === undefined) yield v;
      else if (o !== null) yield o;
    }
    for (const [id, o] of this.overlay) if (o !== null && !this.base.has(id)) yield o;
  }

}

function fold<V>(base: ReadonlyMap<string, V>, overlay: ReadonlyMap<string, V | null>): Map<string, V> {
  const out = new Map<string, V>();
  for (const [id, v] of base) {
    const o = overlay.get(id);
    if (o === undefined) out.set(id, v);
    else if (o !== null) out.set(id, o);
  }
  for (const [id, o] of overlay) if (o !== null && !base.has(id)) out.set(id, o);
  return out;
}
