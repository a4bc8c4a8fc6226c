import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, writeCanonicalJson } from './canonical-json';
import { canonicalHash } from './hash';
import { referenceCanonicalJson, rng } from './testing.test-util';



const NUMBERS = [0, -0, 1, -1, 1e21, 1e-7, 1e20, 123456789012345680000, 0.1 + 0.2, -1.5e-300, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, 5e-324, 2 ** 53 + 2];
const PIECES = ['a', 'route', 'é', '日本', '😀', '\ud83d', '\ude00', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\u2029', '/', ' ', '{', '0', '10', '9', '__proto__', 'constructor', '-', ''];
const KEYS = ['id', 'name', 'paths', 'b', 'a', 'A', '_', '0', '1', '10', '9', '-1', 'é', 'z', 'Z', 'aa', 'a b', '"q"', '\n', '😀', 'ä', 'ab', 'ba'];

function gen(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const r = next();
  if (depth <= 0 || r < 0.45) {
    const k = Math.floor(next() * 7);
    if (k === 0) return pick(NUMBERS);
    if (k === 1) return Math.round((next() - 0.5) * 1e6) / (next() < 0.5 ? 1 : 1000);
    if (k === 2) return next() < 0.5;
    if (k === 3) return next() < 0.2 ? undefined : null;
    const len = Math.floor(next() * 6);
    let s = '';
    for (let i = 0; i < len; i++) s += next() < 0.6 ? String.fromCharCode(97 + Math.floor(next() * 26)) : pick(PIECES);
    return s;
  }
  if (r < 0.7) {
    const arr: unknown[] = [];
    const len = Math.floor(next() * 5);
    for (let i = 0; i < len; i++) arr.push(gen(next, depth - 1));
    if (next() < 0.05) arr[arr.length + 1] = 1; // a hole
    return arr;
  }
  const obj: Record<string, unknown> = {};
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const key = next() < 0.8 ? pick(KEYS) : `k${Math.floor(next() * 1e6)}${pick(PIECES)}`;
    if (key === '__proto__') continue;
    obj[key] = next() < 0.1 ? undefined : gen(next, depth - 1);
  }
  return obj;
}

describe('canonicalJson equals the reference implementation', () => {
  it('on 10,000 generated values (nested, unicode, escapes, numbers, undefined)', () => {
    const next = rng(42);
    for (let i = 0; i < 10_000; i++) {
      const v = gen(next, 1 + (i % 6));
      const expected = referenceCanonicalJson(v);
      const actual = canonicalJson(v);
      if (actual !== expected) expect({ value: v, actual }).toEqual({ value: v, actual: expected });
    }
  });

  it('on values that went through JSON (shapes shared by many objects, __proto__ keys)', () => {
    const next = rng(7);
    for (let i = 0; i < 2_000; i++) {
      const v = JSON.parse(JSON.stringify(gen(next, 5)) ?? 'null') as unknown;
      expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    }
    const proto = JSON.parse('{"__proto__":{"b":1,"a":2},"x":[{"b":1,"a":2},{"a":2,"b":1}]}') as unknown;
    expect(canonicalJson(proto)).toBe(referenceCanonicalJson(proto));
  });

  it('on edge values', () => {
    const fn = () => 1;
    const holes: unknown[] = [];
    holes[1] = 1;
    holes[3] = 2;
    const cases: unknown[] = [
      undefined, null, -0, 1e21, NaN, 'x', '', '\ud800', fn, Symbol('s'), [undefined, fn, Symbol('s')], { f: fn, s: Symbol('s'), u: undefined },
      holes, new Date(0), new Map([[1, 2]]), Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }), new String('ab'), new Number(3),
      { 10: 'a', 9: 'b', a: 'c', '-1': 'd' }, { a: { a: { a: [] } } }, [[[[]]]], {},
    ];
    for (const v of cases) expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`w${(i * 7919) % 5_000}`, i % 3 ? i : undefined]));
    expect(canonicalJson([wide, wide])).toBe(referenceCanonicalJson([wide, wide]));
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => referenceCanonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('stays correct when the shape cache is full and starts over', () => {
    const next = rng(3);
    for (let i = 0; i < 8_000; i++) {
      const v = { [`k${i}`]: i, [`j${Math.floor(next() * 1e9)}`]: [i], a: { [`n${i}`]: 'x' } };
      expect(canonicalJson(v)).toBe(referenceCanonicalJson(v));
    }
  });
});

describe('writeCanonicalJson / canonicalHash', () => {
  it('hands over chunks that concatenate to canonicalJson, and hash like sha256 of the reference', () => {
    const next = rng(11);
    // large enough for many 16 KB chunks, with multi-byte and astral characters everywhere
    const big = Array.from({ length: 3_000 }, (_, i) => ({ id: `r${i}😀é`, paths: [`/p/${i}/日本`], n: gen(next, 3), u: undefined }));
    for (const v of [big, { routes: big, revision: 3 }, gen(next, 4), 'x', null]) {
      const chunks: string[] = [];
      writeCanonicalJson(v, (c) => chunks.push(c));
      expect(chunks.join('')).toBe(referenceCanonicalJson(v));
      expect(canonicalHash(v)).toBe(createHash('sha256').update(referenceCanonicalJson(v)).digest('hex'));
    }
  });
});
