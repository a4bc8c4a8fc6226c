import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './since';

const NOW = new Date('2026-12-03T12:00:00.000Z');

describe('parseInstant (--since / --until)', () => {
  it('reads an age as that long before now', () => {
    expect(parseInstant('90s', NOW)).toBe('2026-12-03T11:58:30.000Z');
    expect(parseInstant('15m', NOW)).toBe('2026-12-03T11:45:00.000Z');
    expect(parseInstant('1h', NOW)).toBe('2026-12-03T11:00:00.000Z');
    expect(parseInstant('7d', NOW)).toBe('2026-11-26T12:00:00.000Z');
    expect(parseInstant('2w', NOW)).toBe('2026-11-19T12:00:00.000Z');
    expect(parseInstant('0m', NOW)).toBe(NOW.toISOString());
  });

  it('reads ISO 8601 times with an offset as given and without one as local time', () => {
    expect(parseInstant('2026-12-01T08:00:00Z', NOW)).toBe('2026-12-01T08:00:00.000Z');
    expect(parseInstant('2026-12-01T08:00:00+02:00', NOW)).toBe('2026-12-01T06:00:00.000Z');
    expect(parseInstant('2026-12-01T08:00', NOW)).toBe(new Date(2026, 11, 1, 8, 0).toISOString());
    expect(parseInstant('2026-12-01', NOW)).toBe(new Date(2026, 11, 1).toISOString());
  });

  it('refuses anything else with a usage message (commander exits 2)', () => {
    for (const bad of ['', '1', 'h', '1.5h', '1mo', '1y', '1 h', '-1h', 'yesterday', 'Tue, 1 Dec 2026', '2026-13-01', '2026-12-01T25:00']) {
      expect(() => parseInstant(bad, NOW), bad).toThrow(InvalidArgumentError);
    }
  });
});
