/** FNV-1a, 32 bit: cheap for short keys such as IP addresses. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * FNV-1a followed by murmur3's finalizer: FNV alone clusters keys that differ only in their last
 * characters ("t1#1", "t1#2"), which would bunch a hash ring's virtual nodes together.
 */
export function hash32(text: string, seed?: number): number {
  let h = fnv1a(text, seed);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
