import { describe, expect, it } from 'vitest';
import { grpcDeadlineMs, tighterTimeout } from './grpc-deadline';

describe('grpc-timeout', () => {
  it('reads every unit, rounds sub-millisecond deadlines up to 1 ms, ignores malformed ones', () => {
    expect(grpcDeadlineMs('2H')).toBe(7_200_000);
    expect(grpcDeadlineMs('3M')).toBe(180_000);
    expect(grpcDeadlineMs('5S')).toBe(5_000);
    expect(grpcDeadlineMs('250m')).toBe(250);
    expect(grpcDeadlineMs('1500u')).toBe(2);
    expect(grpcDeadlineMs('10n')).toBe(1);
    for (const bad of [undefined, '', '5', '5s', '123456789m', '-1m', ['5S']]) expect(grpcDeadlineMs(bad)).toBe(0);
  });

  it('takes the tighter timeout, 0 meaning none', () => {
    expect(tighterTimeout(0, 0)).toBe(0);
    expect(tighterTimeout(0, 50)).toBe(50);
    expect(tighterTimeout(80, 0)).toBe(80);
    expect(tighterTimeout(80, 50)).toBe(50);
  });
});
