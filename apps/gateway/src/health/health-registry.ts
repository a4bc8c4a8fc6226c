import type { TargetHealthReport } from '@aya/config-schema';
import type { TargetStats } from '../balancer/types';
import { ActiveChecker } from './active-checker';
import { type Clock, type HealthConfig, TargetHealth } from './target-health';

/** One target of one upstream as compile/ saw it: what the registry must check and keep. */
export interface HealthPlanEntry {
  readonly upstreamId: string;
  /** `host:port` */
  readonly key: string;
  readonly host: string;
  readonly port: number;
}

interface Entry {
  health: TargetHealth;
  checker: ActiveChecker | undefined;
  host: string;
  port: number;
}

/**
 * Long-lived health per (upstream id, host:port). compile/ asks for entries while building a
 * revision (`healthFor`, no side effects beyond the map); after the swap `sync` starts, updates
 * and stops the active checkers so exactly one runs per target in the applied config.
 */
export class HealthRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: Clock = Date.now) {}

  readonly healthFor = (upstreamId: string, key: string, host: string, port: number, config: HealthConfig, stats: TargetStats): TargetHealth => {
    const id = `${upstreamId}|${key}`;
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = { health: new TargetHealth(upstreamId, key, this.now), checker: undefined, host, port }));
    e.health.setConfig(config);
    e.health.stats = stats;
    return e.health;
  };

  sync(plan: readonly HealthPlanEntry[]): void {
    const live = new Set(plan.map((p) => `${p.upstreamId}|${p.key}`));
    for (const [id, e] of this.entries) {
      if (live.has(id)) continue;
      e.checker?.stop();
      this.entries.delete(id);
    }
    for (const e of this.entries.values()) {
      const active = e.health.config.active;
      if (!active) {
        e.checker?.stop();
        e.checker = undefined;
      } else if (e.checker) {
        e.checker.update(active);
      } else {
        const health = e.health;
        e.checker = new ActiveChecker(e.host, e.port, active, (ok) => health.onActiveResult(ok));
        e.checker.start();
      }
    }
  }

  get(upstreamId: string, key: string): TargetHealth | undefined {
    return this.entries.get(`${upstreamId}|${key}`)?.health;
  }

  report(): TargetHealthReport[] {
    const out: TargetHealthReport[] = [];
    for (const { health } of this.entries.values()) {
      const stats = health.stats;
      out.push({
        upstreamId: health.upstreamId,
        target: health.key,
        state: health.state(),
        consecutiveFailures: health.consecutiveFailures,
        active: Math.max(0, stats?.active ?? 0),
        latencyMs: stats && stats.ewmaMs > 0 ? Math.round(stats.ewmaMs * 10) / 10 : null,
        since: new Date(health.since).toISOString(),
      });
    }
    return out;
  }

  stopAll(): void {
    for (const e of this.entries.values()) e.checker?.stop();
    this.entries.clear();
  }
}
