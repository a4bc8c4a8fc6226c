import { describe, expect, it } from 'vitest';
import { findUnstorableText, MAX_TEXT_DETAILS, unstorableText } from './text-safety';

describe('text Postgres cannot store', () => {
  it('is NUL or a lone surrogate; pairs and other control characters are fine', () => {
    expect(unstorableText('a\u0000b')).toMatch(/NUL/);
    expect(unstorableText('\ud800')).toMatch(/surrogate/);
    expect(unstorableText('x\udc00')).toMatch(/surrogate/);
    expect(unstorableText('\ud83d\ude00 \u0001 tab\t é')).toBeUndefined();
  });

  it('is found anywhere in a value, keys included, with zod-like paths', () => {
    const body = {
      name: 'ok',
      healthChecks: { active: { path: '/h\u0000' } },
      paths: ['/a', '/b\ud800'],
      headers: { 'x-a\u0000': 'v', 'x-b': ['1', '\udfff'] },
    };
    expect(findUnstorableText(body)).toEqual([
      { path: 'healthChecks.active.path', message: expect.stringMatching(/NUL/) },
      { path: 'paths.1', message: expect.stringMatching(/surrogate/) },
      { path: 'headers.x-a\\u0000', message: expect.stringMatching(/^field name .*NUL/) },
      { path: 'headers.x-b.1', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(findUnstorableText('\u0000', 'tenant')).toEqual([{ path: 'tenant', message: expect.any(String) }]);
    expect(findUnstorableText({ n: 1, b: true, z: null, s: 'fine' })).toEqual([]);
  });

  it('survives deep nesting and caps the details', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toHaveLength(1);
    expect(findUnstorableText(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(MAX_TEXT_DETAILS);
  });
});
