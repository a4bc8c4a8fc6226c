import type { ActiveHealthCheck } from '@aya/config-schema';
import { probeHttp, probeTcp } from './probes';

/**
 * Probes one target every `intervalMs`, off the request path. One per (upstream, host:port),
 * kept across revisions; the next run picks up a changed config. Runs are chained (never
 * overlapping) and the timer is unref'd so it never holds the process open.
 */
export class ActiveChecker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private regex: RegExp | null = null;
  private config!: ActiveHealthCheck;

  constructor(
    private readonly host: string,
    private readonly port: number,
    config: ActiveHealthCheck,
    private readonly onResult: (ok: boolean) => void,
  ) {
    this.update(config);
  }

  update(config: ActiveHealthCheck): void {
    const intervalChanged = this.config !== undefined && this.config.intervalMs !== config.intervalMs;
    this.config = config;
    this.regex = config.type !== 'tcp' && config.bodyRegex !== undefined ? new RegExp(config.bodyRegex) : null;
    if (intervalChanged && this.timer) this.schedule(0);
  }

  /** First check right away: a target that is dead at start is found within one timeout. */
  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    const c = this.config;
    const ok = c.type === 'tcp' ? await probeTcp(this.host, this.port, c.timeoutMs) : await probeHttp(this.host, this.port, c, this.regex);
    if (this.stopped) return;
    this.onResult(ok);
    if (!this.timer) this.schedule(this.config.intervalMs);
  }
}
