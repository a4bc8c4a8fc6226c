import { describe, expect, it } from 'vitest';
import { duration } from './resources';

describe('duration (the nodes UPTIME column)', () => {
  it('shows the two largest units', () => {
    expect(duration(0)).toBe('0s');
    expect(duration(14)).toBe('14s');
    expect(duration(60)).toBe('1m00s');
    expect(duration(306)).toBe('5m06s');
    expect(duration(3 * 3600 + 4 * 60 + 59)).toBe('3h04m');
    expect(duration(2 * 86_400 + 3 * 3600 + 1)).toBe('2d03h');
  });
});
