import { CpErrorCode, NODE_STATES, configDeltaSchema, configResponseSchema, revisionNoticeSchema, type CpErrorBody, type GatewayNode } from '@aya/config-schema';
import { z } from 'zod';
import { AUDIT_OPERATION_RESPONSES, AUDIT_RESPONSE_SCHEMAS } from '../audit/audit-responses';
import { CONSUMER_OPERATION_RESPONSES, CONSUMER_RESPONSE_SCHEMAS } from '../consumers/consumer-responses';
import { HISTORY_OPERATION_RESPONSES, HISTORY_RESPONSE_SCHEMAS } from '../history/history-responses';
import { DECLARATIVE_OPERATION_RESPONSES, DECLARATIVE_RESPONSE_SCHEMAS } from '../declarative/declarative-responses';
import { OVERVIEW_OPERATION_RESPONSES, OVERVIEW_RESPONSE_SCHEMAS } from '../overview/overview-responses';
import { PEOPLE_OPERATION_RESPONSES, PEOPLE_RESPONSE_SCHEMAS } from '../people/people-responses';
import { resourceOperationResponses, resourceResponseSchemas } from '../resources/derive';
import { RESOURCES } from '../resources/registry';
import { UPSTREAM_HEALTH_OPERATION_RESPONSES, UPSTREAM_HEALTH_RESPONSE_SCHEMAS } from '../upstreams/upstream-health-responses';

/**
 * Response bodies, as zod schemas annotated with the contract's interfaces: tsc fails when one drifts from
 * what the API returns. The contract lib has no schemas for them (responses are plain interfaces). A registry
 * resource's view lives in its definition (resources/registry.ts).
 */
const gatewayNode: z.ZodType<GatewayNode> = z.object({
  id: z.string(),
  hostname: z.string(),
  version: z.string(),
  revision: z.int(),
  hash: z.string(),
  inSync: z.boolean(),
  state: z.enum(NODE_STATES),
  revisionsBehind: z.int().min(0),
  address: z.string().nullable(),
  workers: z.int().nullable(),
  pid: z.int().nullable(),
  runtime: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  uptimeSeconds: z.int().min(0).nullable(),
  proxyUrls: z.array(z.string()),
  lastSeenAt: z.iso.datetime(),
});

export const errorSchema: z.ZodType<CpErrorBody> = z.object({
  error: z.object({
    code: z.enum(Object.values(CpErrorCode) as [CpErrorCode, ...CpErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Component name -> schema of every response body (a registry resource's come from its entry). */
export const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  ...resourceResponseSchemas(RESOURCES),
  ...CONSUMER_RESPONSE_SCHEMAS,
  ...UPSTREAM_HEALTH_RESPONSE_SCHEMAS,
  ...AUDIT_RESPONSE_SCHEMAS,
  ...HISTORY_RESPONSE_SCHEMAS,
  ...DECLARATIVE_RESPONSE_SCHEMAS,
  ...OVERVIEW_RESPONSE_SCHEMAS,
  GatewayNodeList: z.object({ data: z.array(gatewayNode) }),
  RevisionNotice: revisionNoticeSchema,
  ConfigResponse: configResponseSchema,
  ConfigDelta: configDeltaSchema,
  Health: z.object({ status: z.literal('ok') }),
  ...PEOPLE_RESPONSE_SCHEMAS,
  Error: errorSchema,
  OpenApiDocument: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
};

/** A JSON body (a RESPONSE_SCHEMAS name), a server-sent event stream ('event-stream'), an HTML page ('html'), Prometheus metrics text ('prometheus'), or nothing ('none': 204). */
export type ResponseKind = string;

/** What each operation answers on success; the builder fails on an operation missing here. */
export const OPERATION_RESPONSES: Record<string, ResponseKind> = {
  'health.health': 'Health',
  ...PEOPLE_OPERATION_RESPONSES,
  ...resourceOperationResponses(RESOURCES),
  ...CONSUMER_OPERATION_RESPONSES,
  ...UPSTREAM_HEALTH_OPERATION_RESPONSES,
  ...AUDIT_OPERATION_RESPONSES,
  ...HISTORY_OPERATION_RESPONSES,
  ...DECLARATIVE_OPERATION_RESPONSES,
  ...OVERVIEW_OPERATION_RESPONSES,
  'config.revision': 'RevisionNotice',
  'nodes.list': 'GatewayNodeList',
  'internal.config': 'ConfigResponse',
  'internal.changes': 'ConfigDelta',
  'internal.stream': 'event-stream',
  'internal.heartbeat': 'none',
  'openapi.openapi': 'OpenApiDocument',
  'openapi.docs': 'html',
  'metrics.scrape': 'prometheus',
};
