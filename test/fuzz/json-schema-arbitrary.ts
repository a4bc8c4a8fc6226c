import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schema subset the control plane's OpenAPI document uses (zod 4's
 * `z.toJSONSchema` output: type, enum, const, anyOf, oneOf, properties/required/additionalProperties,
 * propertyNames, items, min/max length, items, properties and values, pattern, examples). No library on npm
 * covers JSON Schema 2020-12 and works offline on Node 22 as of writing, and this subset is small.
 *
 * The arbitraries are heuristics: `validValue` aims inside the schema (bounds included), `invalidValue` breaks it
 * in one place. Whether a value really is valid is decided by ajv over the same document, never by these.
 */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  examples?: unknown[];
  default?: unknown;
}

/** Strings that broke parsers and databases before: NUL, lone surrogates, control and non-ASCII characters. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '💥',
  'é',
  '\n',
  'a\r\nb',
  '%00',
  '../../etc/passwd',
  '<script>',
  "'; drop table tenants; --",
  '\u202e',
  '\ufeff',
  'a'.repeat(5_000),
];

/** Wide enough to hit every bound of the document, small enough for fast-check's integer generator. */
const INT_LIMIT = 2 ** 31 - 1;
/** Collections stay small: the point is shape and bounds, not volume (huge values come from `invalidValue`). */
const SMALL = 4;

const types = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 64);
  const fits = (v: string) => v.length >= min && v.length <= max;
  const options: fc.Arbitrary<string>[] = [];
  if (s.pattern !== undefined) {
    options.push(fc.stringMatching(new RegExp(s.pattern)).filter(fits));
  } else {
    options.push(fc.string({ minLength: min, maxLength: Math.min(max, min + 24) }));
    // the bounds themselves
    if (max <= 10_000) options.push(fc.string({ minLength: max, maxLength: max }));
    options.push(fc.string({ minLength: min, maxLength: min }));
  }
  const examples = (s.examples ?? []).filter((e): e is string => typeof e === 'string' && fits(e));
  if (examples.length > 0) options.push(fc.constantFrom(...examples));
  return fc.oneof(...options);
}

function validNumber(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : s.minimum;
  const high = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : s.maximum;
  if (integer) return fc.integer({ min: Math.max(low ?? -INT_LIMIT, -INT_LIMIT), max: Math.min(high ?? INT_LIMIT, INT_LIMIT) });
  return fc.double({ min: low ?? -1e9, max: high ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

function validObject(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  if (s.properties) {
    const shape = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(v)]));
    return fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in shape) }) as fc.Arbitrary<Record<string, unknown>>;
  }
  const values = typeof s.additionalProperties === 'object' ? validValue(s.additionalProperties) : fc.jsonValue();
  const keys = s.propertyNames ? validString(s.propertyNames) : fc.string({ minLength: 1, maxLength: 16 });
  return fc.dictionary(keys, values, { maxKeys: Math.min(s.maxProperties ?? SMALL, SMALL) });
}

/** A value meant to satisfy `s`. */
export function validValue(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  // zod's either-or (`oneOf` of `required` lists beside `properties`): generate each branch as its own object
  if (s.oneOf && s.properties) {
    const { oneOf, ...base } = s;
    return fc.oneof(...oneOf.map((branch) => validValue({ ...base, required: [...(base.required ?? []), ...(branch.required ?? [])] })));
  }
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map(validValue));
  const options = types(s).map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'string':
        return validString(s);
      case 'integer':
        return validNumber(s, true);
      case 'number':
        return validNumber(s, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(s.items ? validValue(s.items) : fc.jsonValue(), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? SMALL, (s.minItems ?? 0) + SMALL) });
      default:
        return validObject(s);
    }
  });
  return options.length > 0 ? fc.oneof(...options) : fc.jsonValue();
}

const WRONG_TYPED: ReadonlyArray<[string, unknown]> = [
  ['string', 'x'],
  ['integer', 7],
  ['number', 1.5],
  ['boolean', true],
  ['null', null],
  ['array', []],
  ['object', { unexpected: 1 }],
];

/** Values `s` cannot hold by type alone (an integer is also a number). */
function wrongTypes(s: JsonSchema): unknown[] {
  const allowed = new Set(types(s));
  if (allowed.size === 0) return [];
  if (allowed.has('number')) allowed.add('integer');
  return WRONG_TYPED.filter(([t]) => !allowed.has(t)).map(([, v]) => v);
}

/** Ways the scalar constraints of `s` can be broken: one past each bound, a pattern miss, a value not in the enum. */
function brokenBounds(s: JsonSchema): unknown[] {
  const out: unknown[] = [];
  if (s.enum || s.const !== undefined) out.push('not-one-of-the-values', 999_999);
  if (s.minLength !== undefined && s.minLength > 0) out.push('a'.repeat(s.minLength - 1));
  if (s.maxLength !== undefined && s.maxLength <= 200_000) out.push('a'.repeat(s.maxLength + 1));
  if (s.pattern !== undefined) out.push(...NASTY_STRINGS.filter((v) => !new RegExp(s.pattern as string, 'u').test(v)).slice(0, 6));
  if (s.minimum !== undefined) out.push(s.minimum - 1, -1e308);
  if (s.maximum !== undefined) out.push(s.maximum + 1, 1e308, Number.MAX_SAFE_INTEGER + 2);
  if (types(s).includes('integer')) out.push((s.minimum ?? 0) + 0.5);
  if (s.maxItems !== undefined && s.items) out.push(Array.from({ length: s.maxItems + 1 }, () => 'x'));
  if (s.minItems !== undefined && s.minItems > 0) out.push([]);
  return out;
}

/** A value meant to break `s` in one place (itself, or one property / item deeper down). */
export function invalidValue(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const here = [...wrongTypes(s), ...brokenBounds(s)];
  const options: fc.Arbitrary<unknown>[] = [];
  if (here.length > 0) options.push(fc.constantFrom(...here));
  if (depth < 4 && s.properties) {
    const valid = validObject(s);
    const keys = Object.keys(s.properties);
    // one property broken, the rest valid
    options.push(
      fc.tuple(valid, fc.constantFrom(...keys)).chain(([obj, key]) => invalidValue((s.properties as Record<string, JsonSchema>)[key], depth + 1).map((bad) => ({ ...obj, [key]: bad }))),
    );
    if (s.additionalProperties === false) options.push(valid.map((obj) => ({ ...obj, unexpectedProperty: 'x' })));
    if (s.required && s.required.length > 0) {
      options.push(fc.tuple(valid, fc.constantFrom(...s.required)).map(([obj, key]) => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key))));
    }
  }
  if (depth < 4 && s.items) {
    options.push(fc.tuple(validValue(s), invalidValue(s.items, depth + 1)).map(([arr, bad]) => [...(Array.isArray(arr) ? arr : []), bad]));
  }
  if (depth < 4 && (s.anyOf ?? s.oneOf) && !s.properties) {
    options.push(fc.constantFrom(...(s.anyOf ?? s.oneOf ?? [])).chain((branch) => invalidValue(branch, depth + 1)));
  }
  if (typeof s.additionalProperties === 'object' && depth < 4) {
    const additional = s.additionalProperties;
    options.push(invalidValue(additional, depth + 1).map((bad) => ({ someKey: bad })));
    if (s.propertyNames) options.push(fc.constantFrom(...NASTY_STRINGS.slice(0, 8)).map((key) => ({ [key]: null })));
  }
  return options.length > 0 ? fc.oneof(...options) : fc.constantFrom(...NASTY_STRINGS);
}
