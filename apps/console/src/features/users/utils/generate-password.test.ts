import { describe, expect, it } from 'vitest';
import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it('makes passwords of the asked length from the readable alphabet, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(generatePassword(8)).toHaveLength(8);
  });
});
