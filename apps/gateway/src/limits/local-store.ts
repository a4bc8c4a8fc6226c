import { decide, slotExpiry, type Slot } from './engine';
import type { CounterStore, LimitDecision, LimitQuery } from './types';

interface Entry {
  slot: Slot;
  expiresAt: number;
}

const SWEEP_MS = 30_000;

/**
 * Counters in this process's memory: the whole store of a single-process gateway, the cluster primary's
 * store for its workers (exact across them), and the fail-open fallback of the Redis store. One entry per
 * (key, algorithm, window); a timer drops entries whose window has passed, so idle subjects cost nothing.
 */
export class LocalCounterStore implements CounterStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly clock: () => number = Date.now) {
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
    return decide(query, slots, this.clock(), (i, slot) => {
      this.entries.set(names[i], { slot, expiresAt: slotExpiry(query.algorithm, slot, query.windows[i]) });
    });
  }

  sweep(now = this.clock()): void {
    for (const [name, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(name);
  }

  close(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}
