import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidValue, validValue } from './json-schema-arbitrary';
import { componentValidators, operationsOf, readOpenApi } from './openapi-document';

describe('JSON Schema -> fast-check arbitraries, over the request schemas of openapi.json', () => {
  const doc = readOpenApi();
  const validate = componentValidators(doc);
  const bodies = [...new Set(operationsOf(doc).flatMap((op) => (op.body ? [op.body] : [])))];

  it.each(bodies)('%s: valid values mostly validate, invalid ones rarely do', (name) => {
    const schema = doc.components.schemas[name];
    const valid = fc.sample(validValue(schema), { numRuns: 60, seed: 42 });
    const invalid = fc.sample(invalidValue(schema), { numRuns: 60, seed: 42 });
    const share = (values: unknown[], want: boolean) => values.filter((v) => validate(name)(v) === want).length / values.length;
    // valid: what the document says is valid (its unexpressible rules, e.g. a url that parses, are the server's)
    expect(share(valid, true), `${name}: valid values the document refuses`).toBeGreaterThanOrEqual(0.5);
    expect(share(invalid, false), `${name}: invalid values the document accepts`).toBeGreaterThanOrEqual(0.9);
  });
});
