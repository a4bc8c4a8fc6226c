import { describe, expect, it } from 'vitest';
import { redirectSchema, splitSchema } from '@aya/config-schema';
import { jsonText, parseJsonField } from './json-field';

describe('parseJsonField', () => {
  it('leaves a blank field out', () => {
    expect(parseJsonField('  ', splitSchema, 'split')).toEqual({ value: undefined, errors: [] });
  });

  it('reports a syntax error at the field', () => {
    const res = parseJsonField('{"status": 301,', redirectSchema, 'redirect');
    expect(res.value).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].path).toBe('redirect');
    expect(res.errors[0].message).toMatch(/^not valid JSON/);
  });

  it('reports schema issues at nested API-style paths', () => {
    const res = parseJsonField(JSON.stringify({ services: [{ service: 'a', weight: 5000 }] }), splitSchema, 'split');
    expect(res.value).toBeUndefined();
    expect(res.errors.map((e) => e.path)).toEqual(['split.services.0.weight']);
  });

  it('returns the JSON as typed when it is valid', () => {
    const value = { status: 308, location: '/v2/$1' };
    expect(parseJsonField(jsonText(value), redirectSchema, 'redirect')).toEqual({ value, errors: [] });
  });
});
