import { decide, slotExpiry, type Slot } from './engine';
import type { CounterStore, LimitDecision, LimitQuery } from './types';

interface Entry {
  slot: Slot;
  expiresAt: number;
}

const SWEEP_MS = 30_000;
/**
 * Entries kept at most (~100 bytes each). A flood of distinct subjects (spoofed header values, many client
 * addresses) must not grow the process without bound: past this, expired entries are swept, then the
 * oldest written are dropped (their subjects start counting afresh, which only ever lets more through).
 */
export const MAX_ENTRIES = 1_000_000;

/**
 * Counters in this process's memory: the whole store of a single-process gateway, the cluster primary's
 * store for its workers (exact across them), and the fail-open fallback of the Redis store. One entry per
 * (key, algorithm, window); a timer drops entries whose window has passed, so idle subjects cost nothing.
 */
export class LocalCounterStore implements CounterStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxEntries = MAX_ENTRIES,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  decide(query: LimitQuery): Promise<LimitDecision> {
    return Promise.resolve(this.decideNow(query));
  }

  decideNow(query: LimitQuery): LimitDecision {
    const names = query.windows.map((w) => `${query.key}|${query.algorithm}|${w.ms}`);
    const slots = names.map((n) => this.entries.get(n)?.slot);
    const decision = decide(query, slots, this.clock(), (i, slot) => {
      // re-inserted, so the Map's order stays "least recently counted first"
      this.entries.delete(names[i]);
      this.entries.set(names[i], { slot, expiresAt: slotExpiry(query.algorithm, slot, query.windows[i]) });
    });
    if (!decision.allowed) {
      // a refused subject is active too: keep it from being dropped first (its count is what refuses it)
      for (const name of names) {
        const e = this.entries.get(name);
        if (e) {
          this.entries.delete(name);
          this.entries.set(name, e);
        }
      }
    }
    if (this.entries.size > this.maxEntries) this.shrink();
    return decision;
  }

  private shrink(): void {
    this.sweep();
    // a tenth at once, so a flood does not pay a sweep per request
    let drop = this.entries.size - Math.floor(this.maxEntries * 0.9);
    for (const name of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.entries.delete(name);
    }
  }

  sweep(now = this.clock()): void {
    for (const [name, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(name);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
