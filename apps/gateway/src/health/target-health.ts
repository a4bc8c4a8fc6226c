import type { ActiveHealthCheck, CircuitBreakerConfig, PassiveHealthCheck, TargetState } from '@aya/config-schema';
import type { TargetGate, TargetStats } from '../balancer/types';
import { CircuitBreaker } from './circuit-breaker';

export interface HealthConfig {
  readonly active: ActiveHealthCheck | null;
  readonly passive: PassiveHealthCheck | null;
  readonly breaker: CircuitBreakerConfig | null;
}

export const NO_HEALTH_CHECKS: HealthConfig = { active: null, passive: null, breaker: null };

export type Clock = () => number;

/**
 * Health of one target of one upstream. It outlives revisions (kept by the HealthRegistry, keyed by
 * upstream id + host:port), so a swap neither forgets a dead target nor resets a breaker.
 * Down for any of: active checks failing, passive failures (until the cool-down ends or an active
 * check passes), breaker open or half-open with its probe slots taken.
 */
export class TargetHealth implements TargetGate {
  config: HealthConfig = NO_HEALTH_CHECKS;
  /** what `report()` reads for in-flight and latency: the per-origin counters */
  stats: TargetStats | undefined;
  consecutiveFailures = 0;
  since: number;
  private activeDown = false;
  private passiveDownUntil = 0;
  private activeOk = 0;
  private activeFail = 0;
  readonly breaker: CircuitBreaker;

  constructor(
    readonly upstreamId: string,
    readonly key: string,
    private readonly now: Clock = Date.now,
  ) {
    this.since = now();
    this.breaker = new CircuitBreaker(() => (this.since = this.now()));
  }

  setConfig(config: HealthConfig): void {
    this.config = config;
    this.breaker.setConfig(config.breaker);
    // a check that was switched off must not keep the target down forever
    if (!config.active && this.activeDown) this.markActive(false);
    if (!config.passive) this.passiveDownUntil = 0;
  }

  available(): boolean {
    if (this.activeDown) return false;
    if (this.passiveDownUntil !== 0) {
      if (this.now() < this.passiveDownUntil) return false;
      this.passiveDownUntil = 0;
      this.consecutiveFailures = 0;
      this.since = this.now();
    }
    return this.breaker.config === null || this.breaker.available(this.now());
  }

  /** A request goes to this target now; true when it is a half-open probe (pass it back to onResult). */
  onDispatch(): boolean {
    return this.breaker.onDispatch();
  }

  /** Outcome of a real request; `ok` undefined when it was cancelled before any answer. */
  onResult(ok: boolean | undefined, probe: boolean): void {
    const now = this.now();
    this.breaker.onResult(ok, probe, now);
    if (ok === undefined) return;
    if (ok) {
      this.consecutiveFailures = 0;
      return;
    }
    this.consecutiveFailures++;
    const p = this.config.passive;
    if (p && this.passiveDownUntil === 0 && this.consecutiveFailures >= p.unhealthyThreshold) {
      this.passiveDownUntil = now + p.cooldownMs;
      this.activeOk = 0;
      this.since = now;
    }
  }

  /** Result of one active check; thresholds give hysteresis so one blip does not flap the target. */
  onActiveResult(ok: boolean): void {
    const a = this.config.active;
    if (!a) return;
    if (ok) {
      this.activeFail = 0;
      if (++this.activeOk >= a.healthyThreshold && (this.activeDown || this.passiveDownUntil !== 0)) this.markActive(false);
    } else {
      this.activeOk = 0;
      this.consecutiveFailures++;
      if (++this.activeFail >= a.unhealthyThreshold && !this.activeDown) this.markActive(true);
    }
  }

  state(): TargetState {
    this.available(); // applies lazy transitions (cool-down over, breaker half-open)
    if (this.activeDown || this.passiveDownUntil !== 0) return 'unhealthy';
    if (this.breaker.state !== 'closed') return this.breaker.state;
    return 'healthy';
  }

  private markActive(down: boolean): void {
    this.activeDown = down;
    if (!down) {
      this.passiveDownUntil = 0;
      this.consecutiveFailures = 0;
    }
    this.since = this.now();
  }
}
