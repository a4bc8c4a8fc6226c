import { describe, expect, it } from 'vitest';
import { ByteLru } from './byte-lru';

describe('ByteLru', () => {
  it('evicts the least recently used entries until the byte total fits', () => {
    const lru = new ByteLru<string>(100);
    lru.set('a', 'A', 40);
    lru.set('b', 'B', 40);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C', 40);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.bytes).toBe(80);
  });
  it('one big entry may push out several', () => {
    const lru = new ByteLru<number>(100);
    for (let i = 0; i < 10; i++) lru.set(`k${i}`, i, 10);
    lru.set('big', 99, 75);
    expect(lru.count).toBe(3);
    expect(lru.bytes).toBe(95);
    expect(lru.get('k9')).toBe(9);
  });
  it('refuses an entry over the bound without evicting anything', () => {
    const lru = new ByteLru<number>(100);
    lru.set('a', 1, 50);
    expect(lru.set('huge', 2, 101)).toBe(false);
    expect(lru.get('a')).toBe(1);
  });
  it('replacing a key re-counts its size; delete and clear free bytes', () => {
    const lru = new ByteLru<number>(100);
    lru.set('a', 1, 50);
    lru.set('a', 2, 30);
    expect(lru.bytes).toBe(30);
    lru.delete('a');
    expect(lru.bytes).toBe(0);
    lru.set('b', 1, 10);
    lru.clear();
    expect(lru.count).toBe(0);
    expect(lru.bytes).toBe(0);
  });
});
