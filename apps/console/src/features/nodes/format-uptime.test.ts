import { describe, expect, it } from 'vitest';
import { formatUptime } from './format-uptime';

describe('formatUptime', () => {
  it('shows the two largest units', () => {
    expect(formatUptime(12)).toBe('12s');
    expect(formatUptime(250)).toBe('4m 10s');
    expect(formatUptime(2 * 3600 + 5 * 60 + 9)).toBe('2h 5m');
    expect(formatUptime(3 * 86_400 + 4 * 3600 + 59)).toBe('3d 4h');
  });

  it('keeps a zero second unit after the first one', () => {
    expect(formatUptime(3600)).toBe('1h 0m');
    expect(formatUptime(86_400 + 30)).toBe('1d 0h');
    expect(formatUptime(0)).toBe('0s');
  });

  it('shows a dash for a node that does not report its start', () => {
    expect(formatUptime(null)).toBe('—');
  });
});
