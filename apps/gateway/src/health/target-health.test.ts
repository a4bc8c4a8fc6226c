import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSIVE } from '../compile/compile-service';
import { TargetHealth } from './target-health';

function target(connectFailuresOnly: boolean) {
  let now = 1_000;
  const h = new TargetHealth('up', '10.0.0.1:80', () => now);
  h.setConfig({ active: null, passive: { ...DEFAULT_PASSIVE, connectFailuresOnly }, breaker: null });
  return { h, advance: (ms: number) => (now += ms) };
}

/** one attempt through the gate, as the balancer and the proxy make it */
function attempt(h: TargetHealth, ok: boolean | undefined, unreachable = false): void {
  expect(h.available()).toBe(true);
  h.onResult(ok, h.onDispatch(), unreachable);
}

describe('passive health: cool-down, then one trial request', () => {
  it('the default policy counts only connect failures, in a row', () => {
    const { h } = target(true);
    for (let i = 0; i < 10; i++) attempt(h, false); // answered 5xx / timed out: reachable
    expect(h.available()).toBe(true);
    attempt(h, false, true);
    attempt(h, false, true);
    attempt(h, false); // reachable again: the run of connect failures starts over
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
