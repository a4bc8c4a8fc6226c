interface Slot<V> {
  value: V;
  size: number;
}

/**
 * A least-recently-used map bounded by the sum of its entries' sizes (bytes), not their count:
 * one 5 MiB body and a thousand 1 KiB ones cost what they weigh. Map keeps insertion order, so
 * re-inserting on a hit makes the first key the least recently used one.
 */
export class ByteLru<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get count(): number {
    return this.slots.size;
  }

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  /** false when the entry alone is over the bound (nothing is evicted for it). */
  set(key: string, value: V, size: number): boolean {
    if (size > this.maxBytes) return false;
    this.delete(key);
    this.slots.set(key, { value, size });
    this.used += size;
    for (const [oldest, slot] of this.slots) {
      if (this.used <= this.maxBytes) break;
      this.slots.delete(oldest);
      this.used -= slot.size;
    }
    return true;
  }

  delete(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.used -= slot.size;
  }

  clear(): void {
    this.slots.clear();
    this.used = 0;
  }
}
