import { describe, expect, it } from 'vitest';
import { compileBodySchema, fieldProblems, MAX_PROBLEMS } from './compile-schema';
import { compileMediaRanges } from './content-types';

describe('compileBodySchema', () => {
  const schema = {
    type: 'object',
    required: ['name', 'email'],
    additionalProperties: false,
    example: { name: 'x' },
    properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' }, 'a/b': { type: 'integer' } },
  };

  it('validates and maps every failing field to a JSON Pointer', () => {
    const validate = compileBodySchema(schema, true);
    expect(validate({ name: 'a', email: 'a@example.com' })).toBe(true);
    expect(validate({ name: '', 'a/b': 'x', extra: 1 })).toBe(false);
    const paths = fieldProblems(validate.errors).map((p) => p.path).sort();
    expect(paths).toEqual(['/a~1b', '/email', '/extra', '/name']);
  });

  it('checks formats', () => {
    const validate = compileBodySchema(schema, true);
    expect(validate({ name: 'a', email: 'not an email' })).toBe(false);
    expect(fieldProblems(validate.errors)).toEqual([{ path: '/email', message: 'must match format "email"' }]);
  });

  it('follows $schema to 2020-12', () => {
    const validate = compileBodySchema({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false }, true);
    expect(validate(['a'])).toBe(true);
    expect(validate(['a', 'b'])).toBe(false);
  });

  it('throws on a schema that does not compile (the framework fails the route closed)', () => {
    expect(() => compileBodySchema({ type: 'strnig' }, true)).toThrow();
    expect(() => compileBodySchema({ $ref: 'https://elsewhere.example/schema.json' }, true)).toThrow();
  });

  it('caps the number of problems reported', () => {
    const props = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, { type: 'string' }]));
    const validate = compileBodySchema({ type: 'object', properties: props }, true);
    expect(validate(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, i])))).toBe(false);
    expect(fieldProblems(validate.errors)).toHaveLength(MAX_PROBLEMS);
  });
});

describe('compileMediaRanges', () => {
  it('matches exact types and ranges, never an absent type except with */*', () => {
    const json = compileMediaRanges(['application/json', 'text/*']);
    expect(json('application/json')).toBe(true);
    expect(json('text/csv')).toBe(true);
    expect(json('application/xml')).toBe(false);
    expect(json('')).toBe(false);
    expect(compileMediaRanges(['*/*'])('')).toBe(true);
  });
});
