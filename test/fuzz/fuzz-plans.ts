import fc from 'fast-check';
import { invalidValue, validValue, type JsonSchema } from './json-schema-arbitrary';
import type { DocOperation, OpenApiDocument } from './openapi-document';

/** What one fuzzed request tries: inputs the document allows, breaks, or bytes no schema describes. */
export type PlanKind = 'valid' | 'invalid' | 'raw-body' | 'odd-path' | 'odd-query' | 'no-auth';

/** A path parameter: one that exists when the request is sent (picked by `n`), or a literal, already encoded. */
export type PathPick = { existing: number } | { literal: string };

export interface RawBody {
  contentType?: string;
  body: string | Buffer;
}

export interface Plan {
  op: number;
  kind: PlanKind;
  path: Record<string, PathPick>;
  query: Record<string, string>;
  /** the JSON body (serialized when sent); absent: none */
  body?: unknown;
  raw?: RawBody;
  /** spare randomness for choices made against the server's state (which service a route names, ...) */
  pick: number;
}

/** Percent-encoded path segments that routers, decoders and databases have choked on. */
const ODD_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate, as (invalid) UTF-8
  '%FF',
  '%C3%28',
  '%',
  '%zz',
  '..',
  '.',
  '%2F',
  '%2e%2e',
  '%20',
  '%C3%A9',
  '%F0%9F%92%A5',
  "'",
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'a'.repeat(5_000),
  'default%00',
];

const ODD_QUERY_VALUES = ['', ' ', '-1', '0', '1e3', '1.5', 'abc', '%00', '%ED%A0%80', '9'.repeat(40), 'NaN', 'x'.repeat(300), '%FF'];

const HUGE_BODY_BYTES = 2 * 1024 * 1024;

/** Bodies below the schema: not JSON, not an object, the wrong media type, too large, too deep, not UTF-8. */
const RAW_BODIES: RawBody[] = [
  { contentType: 'application/json', body: '' },
  { contentType: 'application/json', body: '{' },
  { contentType: 'application/json', body: '{"a":1,}' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '[]' },
  { contentType: 'application/json', body: '"text"' },
  { contentType: 'application/json', body: '12' },
  { contentType: 'application/json', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  { contentType: 'application/json', body: '['.repeat(5_000) + ']'.repeat(5_000) },
  { contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { contentType: 'application/json; charset=utf-16', body: '{}' },
  { contentType: 'text/plain', body: 'hello' },
  { contentType: 'application/x-www-form-urlencoded', body: 'name=x' },
  { contentType: 'application/xml', body: '<a/>' },
  { body: '{}' },
  { contentType: 'application/json', body: `{"name":"${'a'.repeat(HUGE_BODY_BYTES)}"}` },
];

function queryArbitrary(op: DocOperation, valid: boolean): fc.Arbitrary<Record<string, string>> {
  const params = op.parameters.filter((p) => p.in === 'query');
  if (params.length === 0) return fc.constant({});
  const entries = params.map((p) => {
    const value = valid ? validValue(p.schema).map(String) : fc.oneof(fc.constantFrom(...ODD_QUERY_VALUES), invalidValue(p.schema).map(String));
    const pair = value.map((v): [string, string] | undefined => [p.name, v]);
    // an optional parameter is often left out
    return p.required ? pair : fc.option(pair, { nil: undefined, freq: 2 });
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((p): p is [string, string] => p !== undefined)));
}

function pathArbitrary(op: DocOperation, odd: boolean): fc.Arbitrary<Record<string, PathPick>> {
  const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (names.length === 0) return fc.constant({});
  const existing = fc.nat().map((n): PathPick => ({ existing: n }));
  const oddPick = fc.oneof(fc.constantFrom(...ODD_SEGMENTS), fc.stringMatching(/^[A-Za-z0-9._~-]{1,40}$/)).map((literal): PathPick => ({ literal }));
  return fc.tuple(fc.nat({ max: names.length - 1 }), fc.tuple(...names.map(() => existing)), oddPick).map(([broken, picks, bad]) =>
    Object.fromEntries(names.map((name, i) => [name, odd && i === broken ? bad : picks[i]])),
  );
}

function kindsOf(op: DocOperation): Array<{ arbitrary: fc.Arbitrary<PlanKind>; weight: number }> {
  const parsesBody = op.method !== 'GET' && op.method !== 'HEAD';
  const kinds: Array<[PlanKind, number]> = [
    ['valid', 6],
    ['invalid', op.body ? 4 : 0],
    ['raw-body', parsesBody ? 1 : 0],
    ['odd-path', op.parameters.some((p) => p.in === 'path') ? 2 : 0],
    ['odd-query', op.parameters.some((p) => p.in === 'query') ? 2 : 0],
    ['no-auth', op.security === 'public' ? 0 : 1],
  ];
  return kinds.filter(([, w]) => w > 0).map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }));
}

/** One request against operation `index` of `ops`. */
function planFor(doc: OpenApiDocument, ops: DocOperation[], index: number): fc.Arbitrary<Plan> {
  const op = ops[index];
  const schema: JsonSchema | undefined = op.body ? doc.components.schemas[op.body] : undefined;
  return fc.oneof(...kindsOf(op)).chain((kind) =>
    fc.record({
      op: fc.constant(index),
      kind: fc.constant(kind),
      path: pathArbitrary(op, kind === 'odd-path'),
      query: queryArbitrary(op, kind !== 'odd-query'),
      body: schema ? (kind === 'invalid' ? invalidValue(schema) : validValue(schema)) : fc.constant(undefined),
      raw: kind === 'raw-body' ? fc.constantFrom(...RAW_BODIES) : fc.constant(undefined),
      pick: fc.nat(),
    }),
  );
}

/** Plans over every operation alike (streams excepted: they stay open by design). */
export function planArbitrary(doc: OpenApiDocument, ops: DocOperation[]): fc.Arbitrary<Plan> {
  const eligible = ops.map((op, i) => ({ op, i })).filter(({ op }) => !op.streams);
  return fc.constantFrom(...eligible.map(({ i }) => i)).chain((i) => planFor(doc, ops, i));
}
