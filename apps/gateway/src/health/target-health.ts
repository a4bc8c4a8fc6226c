import type { ActiveHealthCheck, CircuitBreakerConfig, TargetState } from '@aya/config-schema';
import type { TargetGate, TargetStats } from '../balancer/types';
import { CircuitBreaker } from './circuit-breaker';

/** Passive checks as the gateway applies them (compile/ builds it from the upstream's config or the default). */
export interface PassivePolicy {
  /** consecutive counted failures that take the target out */
  readonly unhealthyThreshold: number;
  /** how long it stays out before one trial request may go to it */
  readonly cooldownMs: number;
  /**
   * Only attempts the target left without any answer count (the default policy: no connection, or
   * no response head within the timeout; retry-policy.ts, targetSilent): a target that answers,
   * even with 5xx, stays in rotation. Configured policies count every failed request.
   */
  readonly countsOnlySilence: boolean;
  /** the upstream's shared ejection count (default policy); null: any number of targets may go out */
  readonly guard: EjectionGuard | null;
}

/**
 * Max-ejection guard, as Envoy's `max_ejection_percent`: the targets of one upstream (weight > 0)
 * share it, and passive health never takes out the last of them still in rotation, so a fault every
 * target shows (an endpoint slow everywhere) is answered by the timeout (504) rather than refused
 * (503) for a cool-down. compile/ builds one per upstream and revision; TargetHealth moves its count
 * to the new one on setConfig. It is touched only when a target goes out or comes back.
 */
export class EjectionGuard {
  /** targets out of rotation by passive health (down or on trial) */
  out = 0;

  constructor(readonly size: number) {}

  /** one more target may go out: at least one other stays in rotation */
  allows(): boolean {
    return this.out + 1 < this.size;
  }
}

export interface HealthConfig {
  readonly active: ActiveHealthCheck | null;
  readonly passive: PassivePolicy | null;
  readonly breaker: CircuitBreakerConfig | null;
}

export const NO_HEALTH_CHECKS: HealthConfig = { active: null, passive: null, breaker: null };

export type Clock = () => number;

/**
 * What onDispatch hands out and onResult takes back: which kinds of probe the attempt is (a bit
 * each), so a result frees exactly the slots its dispatch took. 0: an ordinary request.
 */
export type ProbeSlots = number;
const BREAKER_PROBE = 1;
const PASSIVE_TRIAL = 2;

/** up: in rotation; down: out until `passiveDownUntil`; trial: one request may test it. */
type PassiveState = 'up' | 'down' | 'trial';

/**
 * Health of one target of one upstream. It outlives revisions (kept by the HealthRegistry, keyed by
 * upstream id + host:port), so a swap neither forgets a dead target nor resets a breaker.
 * Down for any of: active checks failing, passive failures (until the cool-down ends or an active
 * check passes; then one trial request at a time until one settles it), breaker open or
 * half-open with its probe slots taken.
 */
export class TargetHealth implements TargetGate {
  config: HealthConfig = NO_HEALTH_CHECKS;
  /** what `report()` reads for in-flight and latency: the per-origin counters */
  stats: TargetStats | undefined;
  consecutiveFailures = 0;
  since: number;
  private activeDown = false;
  private passive: PassiveState = 'up';
  private passiveDownUntil = 0;
  /** consecutive failures the passive policy counts */
  private passiveFailures = 0;
  private trialInFlight = false;
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
    // a new revision brings a new guard: this target's place out of rotation moves to it
    const before = this.config.passive?.guard ?? null;
    const after = config.passive?.guard ?? null;
    const moves = before !== after && this.passive !== 'up';
    // a revision that left fewer targets in rotation must not find them all out: this one comes back
    const comesBack = moves && after !== null && !after.allows();
    if (moves && before) before.out--;
    if (moves && after) after.out++;
    this.config = config;
    this.breaker.setConfig(config.breaker);
    // a check that was switched off must not keep the target down forever
    if (!config.active && this.activeDown) this.markActive(false);
    if (!config.passive || comesBack) this.passiveUp();
  }

  available(): boolean {
    if (this.activeDown) return false;
    if (this.passive === 'down') {
      if (this.now() < this.passiveDownUntil) return false;
      this.passive = 'trial';
      this.trialInFlight = false;
      this.since = this.now();
    }
    if (this.passive === 'trial' && this.trialInFlight) return false;
    return this.breaker.config === null || this.breaker.available(this.now());
  }

  /** A request goes to this target now; pass what it returns back to onResult. */
  onDispatch(): ProbeSlots {
    let slots = this.breaker.onDispatch() ? BREAKER_PROBE : 0;
    if (this.passive === 'trial' && !this.trialInFlight) {
      this.trialInFlight = true;
      slots |= PASSIVE_TRIAL;
    }
    return slots;
  }

  /**
   * Outcome of a real request; `ok` undefined when it was cancelled before any answer.
   * `silent`: the target gave no answer (no connection, or no response head in time; see targetSilent).
   */
  onResult(ok: boolean | undefined, slots: ProbeSlots, silent = false): void {
    const now = this.now();
    this.breaker.onResult(ok, (slots & BREAKER_PROBE) !== 0, now);
    if (ok === true) this.consecutiveFailures = 0;
    else if (ok === false) this.consecutiveFailures++;
    const p = this.config.passive;
    if (!p) return;
    const trial = (slots & PASSIVE_TRIAL) !== 0;
    if (trial) this.trialInFlight = false;
    if (ok === undefined) return;
    const counted = !ok && (silent || !p.countsOnlySilence);
    if (trial) {
      // the trial settles it: out for another cool-down, or back in rotation
      if (counted) this.passiveDown(now, p.cooldownMs);
      else this.passiveUp();
      return;
    }
    // answers to requests sent before the target went out say nothing about it now
    if (this.passive !== 'up') return;
    this.passiveFailures = counted ? this.passiveFailures + 1 : 0;
    if (this.passiveFailures >= p.unhealthyThreshold && (p.guard === null || p.guard.allows())) this.passiveDown(now, p.cooldownMs);
  }

  private passiveDown(now: number, cooldownMs: number): void {
    if (this.passive === 'up' && this.config.passive?.guard) this.config.passive.guard.out++;
    this.passive = 'down';
    this.passiveDownUntil = now + cooldownMs;
    this.activeOk = 0;
    this.since = now;
  }

  private passiveUp(): void {
    if (this.passive !== 'up') {
      this.since = this.now();
      if (this.config.passive?.guard) this.config.passive.guard.out--;
    }
    this.passive = 'up';
    this.passiveFailures = 0;
    this.trialInFlight = false;
  }

  /** Result of one active check; thresholds give hysteresis so one blip does not flap the target. */
  onActiveResult(ok: boolean): void {
    const a = this.config.active;
    if (!a) return;
    if (ok) {
      this.activeFail = 0;
      if (++this.activeOk >= a.healthyThreshold && (this.activeDown || this.passive !== 'up')) this.markActive(false);
    } else {
      this.activeOk = 0;
      this.consecutiveFailures++;
      if (++this.activeFail >= a.unhealthyThreshold && !this.activeDown) this.markActive(true);
    }
  }

  state(): TargetState {
    this.available(); // applies lazy transitions (cool-down over, breaker half-open)
    if (this.activeDown || this.passive === 'down') return 'unhealthy';
    if (this.breaker.state !== 'closed') return this.breaker.state;
    if (this.passive === 'trial') return 'half-open';
    return 'healthy';
  }

  private markActive(down: boolean): void {
    this.activeDown = down;
    if (!down) {
      this.passiveUp();
      this.consecutiveFailures = 0;
    }
    this.since = this.now();
  }
}
