import type { CircuitBreakerConfig } from '@aya/config-schema';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Per-target breaker over real requests: `failureThreshold` consecutive failures open it; after
 * `openMs` it half-opens and lets at most `halfOpenProbes` requests through at a time; that many
 * successes close it, one failure opens it again. Transitions happen lazily on the next check, so
 * no timer runs per target.
 */
export class CircuitBreaker {
  state: BreakerState = 'closed';
  config: CircuitBreakerConfig | null = null;
  private failures = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;

  constructor(private readonly onChange: () => void) {}

  setConfig(config: CircuitBreakerConfig | null): void {
    this.config = config;
    if (!config && this.state !== 'closed') this.close();
  }

  available(now: number): boolean {
    const c = this.config;
    if (c === null || this.state === 'closed') return true;
    if (this.state === 'open') {
      if (now - this.openedAt < c.openMs) return false;
      this.state = 'half-open';
      this.probesInFlight = 0;
      this.probeSuccesses = 0;
      this.onChange();
    }
    return this.probesInFlight < c.halfOpenProbes;
  }

  /** A request was sent to the target; true when it is a half-open probe. */
  onDispatch(): boolean {
    if (this.state !== 'half-open') return false;
    this.probesInFlight++;
    return true;
  }

  /** `ok` undefined: the attempt was cancelled (client gone), it only frees its probe slot. */
  onResult(ok: boolean | undefined, probe: boolean, now: number): void {
    if (probe) this.probesInFlight = Math.max(0, this.probesInFlight - 1);
    const c = this.config;
    if (c === null || ok === undefined) return;
    if (this.state === 'half-open') {
      // answers to requests sent before the breaker opened say nothing about the target now
      if (!probe) return;
      if (!ok) this.open(now);
      else if (++this.probeSuccesses >= c.halfOpenProbes) this.close();
      return;
    }
    if (this.state === 'open') return;
    if (ok) this.failures = 0;
    else if (++this.failures >= c.failureThreshold) this.open(now);
  }

  private open(now: number): void {
    this.state = 'open';
    this.openedAt = now;
    this.failures = 0;
    this.onChange();
  }

  private close(): void {
    this.state = 'closed';
    this.failures = 0;
    this.onChange();
  }
}
