import * as contract from '@aya/config-schema';
import type { Type } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../common/pagination';
import { DERIVED_SCHEMA_NAMES } from '../common/patch-schema';
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
const errorResponse = (description: string): JsonObject => ({ description, content: jsonContent('Error') });

function successResponse(kind: ResponseKind): JsonObject {
  if (kind === 'none') return { description: 'no content' };
  if (kind === 'html') return { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } };
  if (kind === 'event-stream') {
    return { description: '`event: revision` messages (data: RevisionNotice), `: ping` comments', content: { 'text/event-stream': { schema: { type: 'string' } } } };
  }
  return { description: 'ok', content: jsonContent(kind) };
}

function responsesOf(op: Operation): JsonObject {
  const kind = OPERATION_RESPONSES[op.id];
  if (kind === undefined) throw new Error(`openapi: no response declared for ${op.id} (openapi/response-schemas.ts)`);
  const responses: JsonObject = { [String(op.status)]: successResponse(kind) };
  // the internal config pulls answer 204 when the gateway is up to date
  const pull = op.id === 'internal.config' || op.id === 'internal.changes';
  if (pull) responses['204'] = { description: 'no revision newer than `after`' };
  if (op.body || op.paged || pull) responses['400'] = errorResponse('invalid request (AYA_CP_VALIDATION, with details)');
  if (op.access.kind !== 'public') responses['401'] = errorResponse('missing or invalid token (AYA_CP_UNAUTHENTICATED)');
  if (op.access.kind === 'permission') responses['403'] = errorResponse('role lacks the permission (AYA_CP_FORBIDDEN)');
  if (op.pathParams.length > 0) responses['404'] = errorResponse('not found (AYA_CP_NOT_FOUND)');
  if (op.access.kind === 'permission' && op.access.permission.endsWith(':write')) responses['409'] = errorResponse('conflict (AYA_CP_CONFLICT)');
  if (op.id === 'internal.changes') responses['410'] = errorResponse('changes after `after` no longer kept: pull the whole config (AYA_CP_DELTA_UNAVAILABLE)');
  return responses;
}

function parametersOf(op: Operation): Json[] {
  const params: Json[] = op.pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: 'id or name' }));
  if (op.paged) {
    params.push({ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } });
    params.push({ name: 'cursor', in: 'query', schema: { type: 'string' }, description: '`next` of the previous page' });
  }
  if (op.id === 'internal.config') params.push({ name: 'after', in: 'query', schema: { type: 'integer', minimum: 0 } });
  if (op.id === 'internal.changes') params.push({ name: 'after', in: 'query', required: true, schema: { type: 'integer', minimum: 0 } });
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
      operation.requestBody = { required: true, content: jsonContent(name) };
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
