import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import type { JsonSchema } from './json-schema-arbitrary';

/** The committed document the fuzzer is driven by (held to the code by openapi.test.ts and to the server by openapi.int.test.ts). */
export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../apps/control-plane/openapi.json');

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

export interface DocOperation {
  id: string;
  method: string;
  /** template, e.g. `/api/v1/tenants/{tenant}/services/{id}` */
  path: string;
  parameters: Parameter[];
  /** component name of the JSON body, when there is one */
  body?: string;
  statuses: Set<number>;
  security: 'public' | 'admin' | 'cluster';
  /** `text/event-stream`: a stream that stays open */
  streams: boolean;
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security: Array<Record<string, unknown>>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export function readOpenApi(file = OPENAPI_FILE): OpenApiDocument {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument;
}

export function operationsOf(doc: OpenApiDocument): DocOperation[] {
  return Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]): DocOperation => {
      const scheme = Object.keys(op.security[0] ?? {})[0];
      return {
        id: op.operationId,
        method: method.toUpperCase(),
        path: p,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content['application/json'].schema.$ref.split('/').pop(),
        statuses: new Set(Object.keys(op.responses).map(Number)),
        security: scheme === 'clusterToken' ? 'cluster' : scheme === 'adminToken' ? 'admin' : 'public',
        streams: Object.values(op.responses).some((r) => r.content !== undefined && 'text/event-stream' in r.content),
      };
    }),
  );
}

/** ajv over the whole document, so component schemas validate with their `$ref`s resolved. */
export function componentValidators(doc: OpenApiDocument): (name: string) => ValidateFunction {
  // zod's own formats (`starts_with`) are annotations, as formats are in OpenAPI
  const ajv = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false, allErrors: false });
  ajv.addVocabulary(['openapi', 'info', 'paths', 'components']);
  ajv.addSchema(doc, 'openapi.json');
  const cache = new Map<string, ValidateFunction>();
  return (name) => {
    let fn = cache.get(name);
    if (!fn) {
      fn = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
      if (!fn) throw new Error(`no component schema ${name}`);
      cache.set(name, fn);
    }
    return fn;
  };
}
