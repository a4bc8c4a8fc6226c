import type { RetryBudget } from '@aya/config-schema';

const BUCKETS = 10;

/**
 * Sliding window (10 buckets) of requests and retries of one service. A retry is allowed while
 * retries stay under max(minRetries, ratio x requests): when an upstream is failing wholesale,
 * retries cannot multiply the load on it. Kept across revisions, keyed by service id.
 */
export class RetryBudgetTracker {
  private readonly requests = new Uint32Array(BUCKETS);
  private readonly retries = new Uint32Array(BUCKETS);
  private bucketMs = 1_000;
  /** absolute bucket number of the newest bucket */
  private head = 0;
  config!: RetryBudget;

  constructor(
    config: RetryBudget,
    private readonly now: () => number = Date.now,
  ) {
    this.setConfig(config);
  }

  setConfig(config: RetryBudget): void {
    if (this.config && this.config.windowMs === config.windowMs) {
      this.config = config;
      return;
    }
    this.config = config;
    this.bucketMs = Math.max(1, Math.floor(config.windowMs / BUCKETS));
    this.requests.fill(0);
    this.retries.fill(0);
    this.head = Math.floor(this.now() / this.bucketMs);
  }

  onRequest(): void {
    this.requests[this.advance()]++;
  }

  /** Takes one retry from the budget when there is one. */
  tryRetry(): boolean {
    const i = this.advance();
    let requests = 0;
    let retries = 0;
    for (let k = 0; k < BUCKETS; k++) {
      requests += this.requests[k];
      retries += this.retries[k];
    }
    if (retries + 1 > Math.max(this.config.minRetries, this.config.ratio * requests)) return false;
    this.retries[i]++;
    return true;
  }

  private advance(): number {
    const bucket = Math.floor(this.now() / this.bucketMs);
    const steps = Math.min(BUCKETS, bucket - this.head);
    for (let s = 1; s <= steps; s++) {
      const i = (this.head + s) % BUCKETS;
      this.requests[i] = 0;
      this.retries[i] = 0;
    }
    if (bucket > this.head) this.head = bucket;
    return this.head % BUCKETS;
  }
}

/** Trackers per service id, shared by every revision. */
export class RetryBudgets {
  private readonly trackers = new Map<string, RetryBudgetTracker>();

  readonly budgetFor = (serviceId: string, config: RetryBudget): RetryBudgetTracker => {
    let t = this.trackers.get(serviceId);
    if (!t) this.trackers.set(serviceId, (t = new RetryBudgetTracker(config)));
    else t.setConfig(config);
    return t;
  };

  retain(serviceIds: ReadonlySet<string>): void {
    for (const id of this.trackers.keys()) if (!serviceIds.has(id)) this.trackers.delete(id);
  }
}
