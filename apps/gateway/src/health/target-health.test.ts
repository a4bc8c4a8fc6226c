import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSIVE } from '../compile/compile-service';
import { EjectionGuard, type HealthConfig, TargetHealth } from './target-health';

function target(countsOnlySilence: boolean) {
  let now = 1_000;
  const h = new TargetHealth('up', '10.0.0.1:80', () => now);
  h.setConfig({ active: null, passive: { ...DEFAULT_PASSIVE, countsOnlySilence, guard: null }, breaker: null });
  return { h, advance: (ms: number) => (now += ms) };
}

/** one attempt through the gate, as the balancer and the proxy make it */
function attempt(h: TargetHealth, ok: boolean | undefined, silent = false): void {
  expect(h.available()).toBe(true);
  h.onResult(ok, h.onDispatch(), silent);
}

/** `n` targets of one upstream under the default policy, sharing one guard (as compile/ builds them) */
function upstreamOf(n: number) {
  let now = 1_000;
  const config = (): HealthConfig => ({ active: null, passive: { ...DEFAULT_PASSIVE, guard: new EjectionGuard(n) }, breaker: null });
  const first = config();
  const hs = Array.from({ length: n }, (_, i) => {
    const h = new TargetHealth('up', `10.0.0.${i + 1}:80`, () => now);
    h.setConfig(first);
    return h;
  });
  return { hs, config, advance: (ms: number) => (now += ms) };
}

function silentRun(h: TargetHealth): void {
  for (let i = 0; i < DEFAULT_PASSIVE.unhealthyThreshold; i++) attempt(h, false, true);
}

describe('passive health: cool-down, then one trial request', () => {
  it('the default policy counts only attempts the target left without an answer, in a row', () => {
    const { h } = target(true);
    for (let i = 0; i < 10; i++) attempt(h, false); // answered 5xx, reset after sending, total timeout: it answered or may have
    expect(h.available()).toBe(true);
    attempt(h, false, true);
    attempt(h, false, true);
    attempt(h, false); // it answered again: the run of silent attempts starts over
    attempt(h, false, true);
    attempt(h, false, true);
    expect(h.available()).toBe(true);
    attempt(h, false, true);
    expect(h.available()).toBe(false);
    expect(h.state()).toBe('unhealthy');
  });

  it('after the cool-down one trial at a time; a cancelled trial frees its slot; its outcome decides', () => {
    const { h, advance } = target(true);
    for (let i = 0; i < DEFAULT_PASSIVE.unhealthyThreshold; i++) attempt(h, false, true);
    advance(DEFAULT_PASSIVE.cooldownMs - 1);
    expect(h.available()).toBe(false);
    advance(1);
    expect(h.available()).toBe(true);
    expect(h.state()).toBe('half-open');
    const trial = h.onDispatch();
    expect(h.available()).toBe(false); // the trial slot is taken
    h.onResult(undefined, trial); // client went away: says nothing
    expect(h.available()).toBe(true);
    attempt(h, false, true); // the trial fails: out for another cool-down at once
    expect(h.available()).toBe(false);
    advance(DEFAULT_PASSIVE.cooldownMs);
    attempt(h, true);
    expect(h.state()).toBe('healthy');
    expect(h.available()).toBe(true);
  });

  it('a configured policy counts every failed request', () => {
    const { h } = target(false);
    for (let i = 0; i < DEFAULT_PASSIVE.unhealthyThreshold; i++) attempt(h, false);
    expect(h.available()).toBe(false);
  });
});

describe('max-ejection guard: the default policy never takes out the last target in rotation', () => {
  it('of two silent targets only the first goes out; the other keeps being tried', () => {
    const { hs } = upstreamOf(2);
    const [a, b] = hs;
    silentRun(a);
    expect(a.state()).toBe('unhealthy');
    for (let i = 0; i < 3 * DEFAULT_PASSIVE.unhealthyThreshold; i++) attempt(b, false, true);
    expect(b.available()).toBe(true);
    expect(b.state()).toBe('healthy');
    expect(b.consecutiveFailures).toBe(3 * DEFAULT_PASSIVE.unhealthyThreshold);
  });

  it('one of three may go out per target left in rotation; the last one left stays', () => {
    const { hs } = upstreamOf(3);
    const [a, b, c] = hs;
    silentRun(a);
    silentRun(b);
    silentRun(c);
    expect(hs.map((h) => h.state())).toEqual(['unhealthy', 'unhealthy', 'healthy']);
  });

  it('a target back in rotation frees its place: the one held in by the guard goes out at its next silent attempt', () => {
    const { hs, advance } = upstreamOf(2);
    const [a, b] = hs;
    silentRun(a);
    silentRun(b); // held in: a is out
    advance(DEFAULT_PASSIVE.cooldownMs);
    attempt(a, true); // a's trial succeeds: back
    expect(a.state()).toBe('healthy');
    attempt(b, false, true);
    expect(b.state()).toBe('unhealthy');
  });

  it('a failed trial keeps its place out (no second target goes out meanwhile)', () => {
    const { hs, advance } = upstreamOf(2);
    const [a, b] = hs;
    silentRun(a);
    advance(DEFAULT_PASSIVE.cooldownMs);
    attempt(a, false, true); // the trial fails: out again
    expect(a.state()).toBe('unhealthy');
    silentRun(b);
    expect(b.state()).toBe('healthy');
  });

  it('a new revision carries the count over to its new guard', () => {
    const { hs, config } = upstreamOf(2);
    const [a, b] = hs;
    silentRun(a);
    const next = config();
    a.setConfig(next);
    b.setConfig(next);
    expect(next.passive?.guard?.out).toBe(1);
    silentRun(b);
    expect(b.state()).toBe('healthy');
    expect(a.state()).toBe('unhealthy');
  });

  it('a revision with fewer targets in rotation than are out brings the extra ones back', () => {
    const { hs } = upstreamOf(3);
    const [a, b] = hs;
    silentRun(a);
    silentRun(b);
    // c leaves the upstream: a and b alone, one of them must stay in rotation
    const next: HealthConfig = { active: null, passive: { ...DEFAULT_PASSIVE, guard: new EjectionGuard(2) }, breaker: null };
    a.setConfig(next);
    b.setConfig(next);
    expect([a.state(), b.state()]).toEqual(['unhealthy', 'healthy']);
    expect(next.passive?.guard?.out).toBe(1);
  });

  it('passive checks switched off release the target\'s place', () => {
    const { hs } = upstreamOf(2);
    const [a] = hs;
    const guard = hs[0].config.passive?.guard;
    silentRun(a);
    expect(guard?.out).toBe(1);
    a.setConfig({ active: null, passive: null, breaker: null });
    expect(guard?.out).toBe(0);
  });
});
