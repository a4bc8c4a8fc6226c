import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanizeMessage } from './validation-messages';

/** The message zod itself gives for a value, so a change of zod's wording fails here rather than in front of users. */
function zodSays(schema: z.ZodType, value: unknown): string {
  const res = schema.safeParse(value);
  if (res.success) throw new Error('expected a failure');
  return res.error.issues[0]?.message ?? '';
}

describe('humanizeMessage', () => {
  it.each([
    [z.string().min(1), '', 'Required'],
    [z.string().min(3), 'ab', 'At least 3 characters'],
    [z.string().max(5), 'abcdefg', 'At most 5 characters'],
    [z.string().length(2), 'abc', 'Exactly 2 characters'],
    [z.array(z.string()).min(1), [], 'Add at least one'],
    [z.array(z.string()).max(2), ['a', 'b', 'c'], 'At most 2 items'],
    [z.number().min(1), 0, 'At least 1'],
    [z.number().max(100), 101, 'At most 100'],
    [z.number().positive(), 0, 'Must be greater than 0'],
    [z.object({ a: z.string() }).shape.a, undefined, 'Required'],
    [z.number(), 'x', 'Enter a number'],
    [z.int(), 1.5, 'Enter a whole number'],
    [z.enum(['round-robin', 'least-conn']), 'x', 'Choose one of: round-robin, least-conn'],
    [z.url(), 'not a url', 'Enter a valid URL'],
    [z.string().regex(/^[a-z]+$/), 'A', 'Not in the expected format'],
    [z.number().multipleOf(5), 7, 'Must be a multiple of 5'],
  ] as const)('%#: words zod’s message for %j', (schema, value, expected) => {
    expect(humanizeMessage(zodSays(schema, value))).toBe(expected);
  });

  it('words ajv’s messages (plugin config forms)', () => {
    expect(humanizeMessage('must be >= 1')).toBe('At least 1');
    expect(humanizeMessage('must NOT have fewer than 1 characters')).toBe('Required');
    expect(humanizeMessage('must NOT have more than 10 items')).toBe('At most 10 items');
    expect(humanizeMessage('must be integer')).toBe('Enter a whole number');
    expect(humanizeMessage('must be equal to one of the allowed values')).toBe('Choose one of the allowed values');
  });

  it('keeps messages a schema words itself', () => {
    expect(humanizeMessage('must be http(s)://host[:port][/path], grpc(s)://host:port or upstream://<name>')).toBe(
      'must be http(s)://host[:port][/path], grpc(s)://host:port or upstream://<name>',
    );
    expect(humanizeMessage('upstream "missing" not found in this tenant')).toBe('upstream "missing" not found in this tenant');
  });
});
