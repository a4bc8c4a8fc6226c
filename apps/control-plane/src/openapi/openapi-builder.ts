import * as contract from '@aya/config-schema';
import type { Type } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AUDIT_QUERY_SCHEMAS } from '../audit/audit-query';
import { DECLARATIVE_QUERY_SCHEMAS, DECLARATIVE_YAML } from '../declarative/declarative-responses';
import { UPSTREAM_HEALTH_QUERY_SCHEMAS } from '../upstreams/upstream-health-responses';
import { pageQuerySchema } from '../common/pagination';
import { changesQuerySchema, configQuerySchema } from '../config-flow/internal.controller';
import { DERIVED_SCHEMA_NAMES } from '../common/patch-schema';
import { HISTORY_QUERY_SCHEMAS } from '../history/history-query';
import { OPERATION_RESPONSES, RESPONSE_SCHEMAS, type ResponseKind } from './response-schemas';
import { readOperations, type Operation } from './route-metadata';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** apps/control-plane/package.json, from src/openapi or dist/openapi alike */
const PACKAGE_JSON = path.join(__dirname, '..', '..', 'package.json');

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

/** A request schema exported by the contract is named after its export (`serviceCreateSchema` -> `ServiceCreate`). */
function requestSchemaName(schema: z.ZodType, op: Operation): string {
  const exported = Object.entries(contract).find(([, value]) => value === schema)?.[0];
  const derived = DERIVED_SCHEMA_NAMES.get(schema);
  if (derived) return derived;
  return exported ? pascal(exported.replace(/Schema$/, '')) : `${pascal(op.id)}Body`;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  delete out.$schema;
  return out;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (name: string): JsonObject => ({ 'application/json': { schema: ref(name) } });
/** JSON, and for the declarative document the same schema as YAML text */
const documentContent = (name: string, yaml: boolean): JsonObject => (yaml ? { ...jsonContent(name), 'application/yaml': { schema: ref(name) } } : jsonContent(name));
const errorResponse = (description: string): JsonObject => ({ description, content: jsonContent('Error') });

function successResponse(kind: ResponseKind): JsonObject {
  if (kind === 'none') return { description: 'no content' };
  if (kind === 'prometheus') {
    return { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } };
  }
  if (kind === 'html') return { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } };
  if (kind === 'event-stream') {
    return { description: '`event: revision` messages (data: RevisionNotice), `: ping` comments', content: { 'text/event-stream': { schema: { type: 'string' } } } };
  }
  return { description: 'ok', content: jsonContent(kind) };
}

/** The success response, with `Accept: application/yaml` listed where the operation answers it. */
function successOf(op: Operation, kind: ResponseKind): JsonObject {
  const success = successResponse(kind);
  return DECLARATIVE_YAML.responses.has(op.id) ? { ...success, content: documentContent(kind, true) } : success;
}

/** Methods whose request body fastify parses (GET and HEAD bodies are never read): bad JSON or size is possible. */
const BODY_PARSED = new Set(['post', 'put', 'patch', 'delete', 'options']);
const PULLS = new Set(['internal.config', 'internal.changes']);
/** Operations that store a certificate private key (sealed with AYA_SECRET_KEY). */
const KEY_WRITES = new Set(['certificates.create', 'certificates.replace', 'certificates.update', 'declarative.apply']);

/** Writes that take `If-Match` (an ETag operation other than a read or a create). */
const conditionalWrite = (op: Operation): boolean => op.etag && op.method !== 'get' && op.method !== 'post';
const ETAG_HEADER: JsonObject = { ETag: { description: 'strong validator of the resource as answered; send it back in `If-Match`', schema: { type: 'string' } } };

/** Every status the operation can answer, each with why; `openapi.int.test.ts` and the admin API fuzzer hold the server to it. */
function responsesOf(op: Operation): JsonObject {
  const kind = OPERATION_RESPONSES[op.id];
  if (kind === undefined) throw new Error(`openapi: no response declared for ${op.id} (openapi/response-schemas.ts)`);
  const success = successOf(op, kind);
  const responses: JsonObject = { [String(op.status)]: op.etag && kind !== 'none' ? { ...success, headers: ETAG_HEADER } : success };
  const pull = PULLS.has(op.id);
  const parsesBody = BODY_PARSED.has(op.method);
  if (pull) responses['204'] = { description: 'no revision newer than `after`' };
  // path parameters too: a malformed percent-encoding, NUL or a lone surrogate is refused
  if (op.body || op.paged || pull || parsesBody || op.pathParams.length > 0 || HISTORY_QUERY_SCHEMAS[op.id] || AUDIT_QUERY_SCHEMAS[op.id]) {
    responses['400'] = errorResponse('invalid request: body (not JSON, schema), query or path (AYA_CP_VALIDATION, with details)');
  }
  if (op.access.kind !== 'public') responses['401'] = errorResponse('missing or invalid token (AYA_CP_UNAUTHENTICATED)');
  if (op.id === 'auth.login') responses['401'] = errorResponse('wrong username or password (AYA_CP_UNAUTHENTICATED)');
  if (op.access.kind === 'permission') responses['403'] = errorResponse('role lacks the permission (AYA_CP_FORBIDDEN)');
  // the history endpoints also name a tenant in their query
  if (op.pathParams.length > 0 || HISTORY_QUERY_SCHEMAS[op.id]?.shape.tenant) responses['404'] = errorResponse('not found (AYA_CP_NOT_FOUND)');
  if (op.access.kind === 'permission' && op.access.permission.endsWith(':write')) responses['409'] = errorResponse('conflict (AYA_CP_CONFLICT)');
  if (conditionalWrite(op)) {
    responses['412'] = { ...errorResponse('`If-Match` names none of the current ETags: changed by someone else since read (AYA_CP_PRECONDITION_FAILED; the current ETag in the details and the `ETag` header)'), headers: ETAG_HEADER };
  }
  if (op.id === 'internal.changes') responses['410'] = errorResponse('changes after `after` no longer kept: pull the whole config (AYA_CP_DELTA_UNAVAILABLE)');
  if (parsesBody) responses['413'] = errorResponse('body over the size limit (AYA_CP_VALIDATION)');
  if (op.id === 'declarative.apply') responses['413'] = errorResponse('body over the size limit (AYA_CP_VALIDATION), or more objects than one apply takes (AYA_CP_APPLY_TOO_LARGE)');
  if (op.pathParams.length > 0) responses['414'] = errorResponse('a path parameter over the router\'s length limit (AYA_CP_VALIDATION)');
  if (parsesBody) responses['415'] = errorResponse(`a body of a media type other than JSON${DECLARATIVE_YAML.requests.has(op.id) ? ' or YAML' : ''} (AYA_CP_VALIDATION)`);
  if (op.id === 'auth.login') responses['429'] = { ...errorResponse('too many failed sign-ins for this account or address: wait `Retry-After` seconds'), headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } } };
  if (KEY_WRITES.has(op.id)) responses['500'] = errorResponse('a private key is given but AYA_SECRET_KEY is not set (AYA_CP_SECRET_KEY_REQUIRED)');
  responses['503'] = errorResponse('the database is unreachable (AYA_CP_DATABASE_UNAVAILABLE), or the control plane is shutting down');
  return responses;
}

/** A query object schema (zod) as OpenAPI query parameters, one per property. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}): Json[] {
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    ...(required.has(name) ? { required: true } : {}),
    schema,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
  }));
}

function parametersOf(op: Operation): Json[] {
  const params: Json[] = op.pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', minLength: 1 }, description: 'id or name' }));
  const audit = AUDIT_QUERY_SCHEMAS[op.id] ?? DECLARATIVE_QUERY_SCHEMAS[op.id] ?? UPSTREAM_HEALTH_QUERY_SCHEMAS[op.id];
  if (audit) params.push(...queryParameters(audit));
  const historyQuery = HISTORY_QUERY_SCHEMAS[op.id];
  if (historyQuery) params.push(...queryParameters(historyQuery));
  if (conditionalWrite(op)) {
    params.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      schema: { type: 'string' },
      description: 'the `ETag` last read: the write happens only if the resource is unchanged (412 otherwise); `*` or absent: no check',
    });
  }
  if (op.listQuery) params.push(...queryParameters(op.listQuery));
  else if (op.paged) params.push(...queryParameters(pageQuerySchema, { cursor: '`next` of the previous page (opaque)' }));
  if (op.id === 'internal.config') params.push(...queryParameters(configQuerySchema));
  if (op.id === 'internal.changes') params.push(...queryParameters(changesQuerySchema));
  return params;
}

function securityOf(op: Operation): JsonObject {
  if (op.access.kind === 'public') return { security: [] };
  if (op.access.kind === 'internal') return { security: [{ clusterToken: [] }] };
  return { security: [{ adminToken: [] }], 'x-aya-permission': op.access.permission };
}

/** The OpenAPI 3.1 document of the controllers: paths from Nest's route metadata, schemas from zod. */
export function buildOpenApi(controllers: readonly Type[]): JsonObject {
  const schemas: JsonObject = {};
  for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) schemas[name] = jsonSchema(schema, 'output');
  const paths: Record<string, JsonObject> = {};
  for (const op of readOperations(controllers)) {
    const operation: JsonObject = { operationId: op.id, tags: [op.tag], ...securityOf(op) };
    const parameters = parametersOf(op);
    if (parameters.length > 0) operation.parameters = parameters;
    if (op.body) {
      const name = requestSchemaName(op.body, op);
      schemas[name] = jsonSchema(op.body, 'input');
      operation.requestBody = { required: true, content: documentContent(name, DECLARATIVE_YAML.requests.has(op.id)) };
    }
    operation.responses = responsesOf(op);
    paths[op.path] = { ...paths[op.path], [op.method]: operation };
  }
  const version = (JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  return {
    openapi: '3.1.0',
    info: { title: 'Aya control plane API', version, description: 'Admin API (`/api/v1`) and the gateway-facing internal API (`/internal/v1`).' },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'session token from POST /api/v1/auth/login, or AYA_ADMIN_TOKEN' },
        clusterToken: { type: 'http', scheme: 'bearer', description: 'AYA_CLUSTER_TOKEN (gateways only)' },
      },
    },
  };
}

/** The committed file's exact text: stable key order, two-space indent, final newline. */
export function serializeOpenApi(doc: JsonObject): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
