/** What a connection's timer measures: connecting, waiting for the response head, body idle. */
export type H1TimerKind = 'none' | 'connect' | 'headers' | 'body';

/**
 * One lazy timer per connection. Restarting its clock (a body chunk, a resume) only records the
 * time; the pending setTimeout, when it fires before the deadline, sleeps for the rest. So a
 * kept-alive connection with the same timeouts request after request allocates no timer per
 * request and touches node's timer lists about once per timeout period, not once per chunk.
 */
export class H1Timer {
  private kind: H1TimerKind = 'none';
  private ms = 0;
  private since = 0;
  private handle: NodeJS.Timeout | undefined;
  private fireAt = Infinity;

  constructor(private readonly expired: (kind: H1TimerKind) => void) {}

  get current(): H1TimerKind {
    return this.kind;
  }

  /** Measures `kind` from now; 0 ms (or less) measures nothing. */
  start(kind: H1TimerKind, ms: number): void {
    if (ms <= 0) {
      this.kind = 'none';
      return;
    }
    this.kind = kind;
    this.ms = ms;
    this.since = performance.now();
    this.schedule(this.since + ms);
  }

  /** Activity: the current measure starts over from now. */
  restart(): void {
    if (this.kind === 'none') return;
    this.since = performance.now();
    if (this.handle === undefined) this.schedule(this.since + this.ms);
  }

  stop(): void {
    this.kind = 'none';
  }

  /** The connection is gone: nothing may fire any more. */
  close(): void {
    this.kind = 'none';
    this.handle = void clearTimeout(this.handle);
  }

  private schedule(deadline: number): void {
    // a pending timer that fires by then is enough: it sleeps on if it comes early
    if (this.handle !== undefined && this.fireAt <= deadline) return;
    clearTimeout(this.handle);
    this.fireAt = deadline;
    // node's timers run on the loop's millisecond clock: they may come a fraction early, never late
    this.handle = setTimeout(this.onFire, Math.max(1, Math.ceil(deadline - performance.now())));
    this.handle.unref();
  }

  private readonly onFire = (): void => {
    this.handle = undefined;
    this.fireAt = Infinity;
    if (this.kind === 'none') return;
    const deadline = this.since + this.ms;
    if (performance.now() < deadline) this.schedule(deadline);
    else this.expired(this.kind);
  };
}
