import { hostname } from 'node:os';
import type { ConfigChange, Heartbeat, RevisionNotice, TargetHealthReport } from '@aya/config-schema';
import { errorMessage, type Logger } from '../log';
import type { ControlPlaneClient } from './control-plane-client';
import { RedisSubscriber } from './redis-subscriber';
import { SnapshotWriter } from './snapshot-file';
import { SseSubscriber } from './sse-subscriber';
import type { ConfigState } from './config-state';
import { applyDeltaText, verifyConfigResponse } from './verify';


/** How a config arrived, for the 'applied config' log line: which way (inside the notice, pulled as a delta, whole), ms on the wire, ms checking it. */
export interface PullTiming {
  via: 'notice' | 'delta' | 'whole';
  fetchMs: number;
  checkMs: number;
}

/** how long the last-known-good file may lag the applied config */
const LKG_WRITE_DELAY_MS = 1_000;

/** ms since `t` (a performance.now()), to 0.1 ms: the timings of the 'applied config' log line */
export const msSince = (t: number) => Math.round((performance.now() - t) * 10) / 10;

/** The heartbeat's facts about the node's processes and listeners (each optional in the protocol). */
export type NodeFacts = Pick<Heartbeat, 'workers' | 'startedAt' | 'pid' | 'runtime' | 'proxyUrls'>;

export interface ConfigClientOptions {
  cp: ControlPlaneClient;
  dataDir: string;
  redisUrl: string | undefined;
  nodeId: string;
  version: string;
  reconcileIntervalMs: number;
  heartbeatIntervalMs: number;
  logger: Logger;
  /** compile + swap; throws to reject the revision (the old config stays) */
  apply(state: ConfigState, timing?: PullTiming): void;
  applied(): ConfigState | null;
  stats(): Record<string, number>;
  /** upstream target health, sent with each heartbeat */
  health?(): TargetHealthReport[];
  /** what the nodes page shows of the node (workers, uptime, listeners), sent with each heartbeat */
  node?(): NodeFacts;
  onRejected(): void;
}

/**
 * Keeps the applied config converging on the control plane's: notices (Redis or SSE) trigger a
 * pull, a reconcile poll pulls anyway, one pull runs at a time and a notice that lands during a
 * pull causes exactly one more.
 */
export class ConfigClient {
  private readonly sse: SseSubscriber;
  private readonly redis: RedisSubscriber | undefined;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private cpDownLogged = false;
  /** last rejected hash: a bad revision is logged once, not every poll */
  private rejectedHash = '';
  private readonly disk: SnapshotWriter;

  constructor(private readonly o: ConfigClientOptions) {
    // a second late at most (stop() flushes it), and a burst of changes is serialised once
    this.disk = new SnapshotWriter(o.dataDir, (err) => o.logger.warn('could not write the snapshot file', { error: errorMessage(err) }), LKG_WRITE_DELAY_MS);
    const onNotice = (n: RevisionNotice) => this.notice(n);
    this.sse = new SseSubscriber(o.cp, onNotice, o.logger);
    if (o.redisUrl) {
      this.redis = new RedisSubscriber(
        o.redisUrl,
        {
          onNotice,
          onUp: () => {
            this.sse.stop();
            void this.pull();
          },
          onDown: () => {
            if (!this.stopped) this.sse.start();
          },
        },
        o.logger,
      );
    }
  }

  start(): void {
    if (this.redis) this.redis.start();
    else this.sse.start();
    void this.pull();
    this.timers.push(setInterval(() => void this.pull(), this.o.reconcileIntervalMs));
    this.timers.push(setInterval(() => void this.heartbeat(), this.o.heartbeatIntervalMs));
    for (const t of this.timers) t.unref();
    void this.heartbeat();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.sse.stop();
    await this.redis?.stop();
    await this.pulling;
    await this.disk.flush();
  }

  notice(n: RevisionNotice): void {
    const applied = this.o.applied();
    if (applied && n.revision <= applied.revision) return;
    // the changes came along and follow what is applied: no round trip (a pull running now goes on instead)
    if (n.changes && applied && applied.revision === n.revision - 1 && !this.pulling && this.applyNotice(applied, n, n.changes)) return;
    void this.pull();
  }

  private applyNotice(applied: ConfigState, n: RevisionNotice, changes: ConfigChange[]): boolean {
    const delta = { from: applied.revision, revision: n.revision, hash: n.hash, changes };
    return this.applyDelta(() => applied.applyDelta(delta), 'notice', 0, 'config changes in the notice refused, pulling');
  }

  /**
   * Checks a delta and swaps it in; a delta that does not add up (to its hash, or to what is applied) is logged and
   * false comes back: the caller pulls instead, the applied config stays.
   */
  private applyDelta(check: () => ConfigState, via: PullTiming['via'], fetchMs: number, refused: string): boolean {
    const t0 = performance.now();
    let next: ConfigState;
    try {
      next = check();
      this.o.apply(next, { via, fetchMs, checkMs: msSince(t0) });
    } catch (err) {
      this.o.logger.warn(refused, { code: (err as { code?: string }).code, error: errorMessage(err) });
      return false;
    }
    this.applied(() => next.toText());
    return true;
  }

  /** Coalesced: callers during a pull share it, and it runs once more afterwards. */
  pull(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pulling) {
      this.pullAgain = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      try {
        do {
          this.pullAgain = false;
          await this.pullOnce();
        } while (this.pullAgain && !this.stopped);
      } finally {
        this.pulling = null;
      }
    })();
    return this.pulling;
  }

  /** A delta from the applied revision when there is one; the whole snapshot when it cannot be had or is refused. */
  private async pullOnce(): Promise<void> {
    const applied = this.o.applied();
    if (applied) {
      const done = await this.pullDelta(applied);
      if (done) return;
    }
    await this.pullWhole(applied);
  }

  /** true when settled (applied, nothing newer, or the control plane is down); false: take the whole snapshot */
  private async pullDelta(applied: ConfigState): Promise<boolean> {
    let text: string;
    const t0 = performance.now();
    try {
      const res = await this.o.cp.changes(applied.revision);
      this.reachable();
      if (res.status === 'none') return true;
      if (res.status === 'whole') return false;
      text = res.text;
    } catch (err) {
      this.unreachable(err);
      return true;
    }
    // a delta that does not add up is repaired by the whole snapshot, not kept
    return this.applyDelta(() => applyDeltaText(applied, text), 'delta', msSince(t0), 'config delta refused, pulling the whole config');
  }

  private async pullWhole(applied: ConfigState | null): Promise<void> {
    let text: string;
    const t0 = performance.now();
    try {
      const res = await this.o.cp.pull(applied ? applied.revision : null);
      this.reachable();
      if (res.status === 'none') return;
      text = res.text;
    } catch (err) {
      this.unreachable(err);
      return;
    }
    const fetchMs = msSince(t0);
    const t1 = performance.now();
    try {
      const state = verifyConfigResponse(text);
      const current = this.o.applied();
      if (current && state.revision <= current.revision) return;
      this.o.apply(state, { via: 'whole', fetchMs, checkMs: msSince(t1) });
    } catch (err) {
      const hash = /"hash"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? text.length.toString();
      if (hash !== this.rejectedHash) {
        this.rejectedHash = hash;
        this.o.onRejected();
        this.o.logger.error('config rejected, keeping the applied one', {
          code: (err as { code?: string }).code,
          error: errorMessage(err),
        });
      }
      return;
    }
    this.applied(text);
  }

  /**
   * Swapped already; the last-known-good file follows off this path, so a newer revision waiting
   * behind this pull (and the heartbeat announcing this one) never waits for the disk.
   */
  private applied(text: string | (() => string)): void {
    this.disk.save(text);
    void this.heartbeat();
  }

  private reachable(): void {
    if (this.cpDownLogged) this.o.logger.info('control plane reachable again');
    this.cpDownLogged = false;
  }

  private unreachable(err: unknown): void {
    if (!this.cpDownLogged) this.o.logger.warn('config pull failed, serving the applied config', { error: errorMessage(err) });
    this.cpDownLogged = true;
  }

  async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const applied = this.o.applied();
    try {
      await this.o.cp.heartbeat({
        nodeId: this.o.nodeId,
        hostname: hostname().slice(0, 255),
        revision: applied ? applied.revision : 0,
        hash: applied ? applied.hash : '',
        version: this.o.version,
        stats: this.o.stats(),
        health: this.o.health?.(),
        ...this.o.node?.(),
      });
    } catch {
      // the pull path already logs an unreachable control plane once
    }
  }
}
