import { describe, expect, it } from 'vitest';
import { applyEdits, compileEdits, isEmpty, type RawEdits } from './edits';
import { isJsonMediaType, jsonConfigValue, jsonFieldStore, mediaType, parseJson, stringifyJson } from './json-body';
import { queryStore } from './request-stores';

const none: RawEdits = { remove: [], rename: [], replace: [], add: [], append: [] };
const same = (s: string): string => s;

function jsonEdits(raw: Partial<RawEdits>) {
  return compileEdits({ ...none, ...raw }, same, jsonConfigValue);
}

describe('JSON body edits', () => {
  it('runs remove -> rename -> replace -> add -> append', () => {
    const obj: Record<string, unknown> = { secret: 1, old: 'v', keep: 'k', tags: 'a' };
    const edits = jsonEdits({
      remove: ['secret'],
      rename: ['old:renamed', 'missing:nowhere'],
      replace: ['keep:"K"', 'absent:1'],
      add: ['keep:no', 'count:42', 'nested:{"a":[1]}', 'plain:hello world'],
      append: ['tags:b', 'list:1'],
    });
    applyEdits(edits, jsonFieldStore(obj));
    expect(obj).toEqual({ renamed: 'v', keep: 'K', count: 42, nested: { a: [1] }, plain: 'hello world', tags: ['a', 'b'], list: [1] });
  });

  it('appends to an existing array and renames over an existing field', () => {
    const obj: Record<string, unknown> = { a: [1], b: 'x', c: 'y' };
    applyEdits(jsonEdits({ rename: ['b:c'], append: ['a:2'] }), jsonFieldStore(obj));
    expect(obj).toEqual({ a: [1, 2], c: 'x' });
  });

  it('keeps __proto__ an ordinary field', () => {
    const parsed = parseJson(Buffer.from('{"__proto__":{"polluted":true}}'));
    if (!parsed.ok) throw new Error('parse failed');
    const obj = parsed.value as Record<string, unknown>;
    applyEdits(jsonEdits({ rename: ['__proto__:moved'], add: ['__proto__:{"x":1}', 'constructor:1'] }), jsonFieldStore(obj));
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(obj)).toBe('{"moved":{"polluted":true},"__proto__":{"x":1},"constructor":1}');
  });

  it('says nothing is configured', () => {
    expect(isEmpty(jsonEdits({}))).toBe(true);
    expect(isEmpty(jsonEdits({ remove: ['a'] }))).toBe(false);
  });
});

describe('query string edits', () => {
  it('moves every value on rename and appends repeated parameters', () => {
    const params = new URLSearchParams('a=1&a=2&b=x&drop=y');
    applyEdits(compileEdits({ ...none, remove: ['drop'], rename: ['a:z'], add: ['b:no', 'c:3'], append: ['c:4'] }, same, same), queryStore(params));
    expect(params.toString()).toBe('b=x&z=1&z=2&c=3&c=4');
  });
});

describe('JSON helpers', () => {
  it('knows JSON media types', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(undefined)).toBe('');
    expect(isJsonMediaType('application/json')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json+plain')).toBe(false);
    expect(isJsonMediaType('text/plain')).toBe(false);
  });

  it('parses without throwing and writes nothing it cannot', () => {
    expect(parseJson(Buffer.from('{"a":')).ok).toBe(false);
    expect(parseJson(Buffer.from('\u0000\u00ff')).ok).toBe(false);
    const deep = parseJson(Buffer.from('['.repeat(200_000) + ']'.repeat(200_000)));
    expect(deep.ok).toBe(true);
    if (deep.ok) expect(stringifyJson(deep.value)).toBeUndefined();
  });
});
