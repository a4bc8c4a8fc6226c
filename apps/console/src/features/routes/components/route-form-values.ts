import {
  CACHE_METHODS,
  COMPRESSION_ALGORITHMS,
  routeCreateSchema,
  type CacheConfig,
  type CompressionConfig,
  type ErrorDetail,
  type HttpMethod,
  type Route,
  type RouteCreate,
} from '@aya/config-schema';
import { numberText, optionalNumber } from '../../../lib/form-values';
import { jsonText, parseJsonField } from '../../../lib/json-field';

/** Traffic fields edited as JSON for now; each is checked with the contract's own schema for it. */
export const JSON_FIELDS = [
  { name: 'headers', label: 'Header predicates', example: '{ "x-version": ["v2"], "x-beta": true }' },
  { name: 'query', label: 'Query predicates', example: '{ "preview": true }' },
  { name: 'split', label: 'Traffic split', example: '{ "services": [{ "service": "orders-v1", "weight": 90 }, { "service": "orders-v2", "weight": 10 }] }' },
  { name: 'sticky', label: 'Sticky sessions', example: '{ "cookie": "aya_sticky", "ttlSeconds": 3600 }' },
  { name: 'rewrite', label: 'Path rewrite', example: '{ "regex": "^/old/(.*)$", "replacement": "/new/$1" }' },
  { name: 'redirect', label: 'Redirect', example: '{ "status": 301, "location": "https://example.com/$1" }' },
  { name: 'fallback', label: 'Fallback when the service is down', example: '{ "service": "orders-backup" } or { "response": { "status": 503, "body": "{\\"message\\":\\"back soon\\"}" } }' },
  { name: 'requestHeaders', label: 'Request header transforms', example: '{ "set": { "x-gateway": "aya" }, "remove": ["x-debug"] }' },
  { name: 'responseHeaders', label: 'Response header transforms', example: '{ "add": { "cache-control": "no-store" } }' },
] as const;
export type JsonFieldName = (typeof JSON_FIELDS)[number]['name'];

export const jsonFieldSchema = (name: JsonFieldName) => routeCreateSchema.shape[name];

type CacheMethod = (typeof CACHE_METHODS)[number];
type CompressionAlgorithm = (typeof COMPRESSION_ALGORITHMS)[number];

export interface CacheValues {
  enabled: boolean;
  ttlSeconds: string;
  maxEntryBytes: string;
  methods: CacheMethod[];
  varyHeaders: string;
  keyQuery: boolean;
  keyHost: boolean;
}

export interface CompressionValues {
  enabled: boolean;
  algorithms: CompressionAlgorithm[];
  minBytes: string;
  contentTypes: string;
}

export interface RouteFormValues {
  name: string;
  service: string;
  paths: string[];
  methods: HttpMethod[];
  hosts: string[];
  stripPath: boolean;
  priority: string;
  cache: CacheValues;
  compression: CompressionValues;
  json: Record<JsonFieldName, string>;
}

export const ROUTE_FORM_FIELDS = ['name', 'service', 'paths', 'methods', 'hosts', 'stripPath', 'priority', 'cache', 'compression', ...JSON_FIELDS.map((f) => f.name)];

/** How a PATCH clears what has a clear meaning; an emptied JSON field needs a full replace instead. */
export const ROUTE_CLEAR_VALUES = { priority: 0, cache: null, compression: null, fallback: null };

export const ROUTE_ADVANCED_FIELDS = ROUTE_FORM_FIELDS.slice(6);

function cacheValues(c: CacheConfig | null | undefined): CacheValues {
  return {
    enabled: Boolean(c),
    ttlSeconds: numberText(c?.ttlSeconds),
    maxEntryBytes: numberText(c?.maxEntryBytes),
    methods: c?.methods ?? [...CACHE_METHODS],
    varyHeaders: c?.varyHeaders?.join(', ') ?? '',
    keyQuery: c?.cacheKey?.query ?? true,
    keyHost: c?.cacheKey?.host ?? true,
  };
}

function compressionValues(c: CompressionConfig | null | undefined): CompressionValues {
  return {
    enabled: c?.enabled ?? false,
    algorithms: c?.algorithms ?? [...COMPRESSION_ALGORITHMS],
    minBytes: numberText(c?.minBytes),
    contentTypes: c?.contentTypes?.join(', ') ?? '',
  };
}

export function toRouteValues(route?: Route): RouteFormValues {
  const json = Object.fromEntries(JSON_FIELDS.map(({ name }) => [name, jsonText(route?.[name])])) as Record<JsonFieldName, string>;
  return {
    name: route?.name ?? '',
    service: route?.service ?? '',
    paths: route?.paths ?? [],
    methods: route?.methods ?? [],
    hosts: route?.hosts ?? [],
    stripPath: route?.stripPath ?? true,
    priority: numberText(route?.priority),
    cache: cacheValues(route?.cache),
    compression: compressionValues(route?.compression),
    json,
  };
}

const clean = (list: string[]) => list.map((v) => v.trim()).filter(Boolean);
const list = (raw: string) => raw.split(/[\s,]+/).filter(Boolean);

function cachePayload(c: CacheValues): CacheConfig | undefined {
  if (!c.enabled) return undefined;
  const vary = list(c.varyHeaders);
  const keyDefault = c.keyQuery && c.keyHost;
  return {
    ttlSeconds: Number(c.ttlSeconds.trim() || NaN),
    maxEntryBytes: optionalNumber(c.maxEntryBytes),
    methods: c.methods.length === CACHE_METHODS.length ? undefined : c.methods,
    varyHeaders: vary.length ? vary : undefined,
    cacheKey: keyDefault ? undefined : { query: c.keyQuery, host: c.keyHost },
  };
}

function compressionPayload(c: CompressionValues): CompressionConfig | undefined {
  if (!c.enabled) return undefined;
  const types = list(c.contentTypes);
  return {
    enabled: true,
    algorithms: c.algorithms,
    minBytes: optionalNumber(c.minBytes),
    contentTypes: types.length ? types : undefined,
  };
}

/**
 * Blank rows are dropped before validating, and the form shows the cleaned lists, so the index in
 * an error path (`paths.1`) is the row the user sees. JSON fields that do not parse or validate
 * are left out of the payload and reported at their path.
 */
export function toRoutePayload(values: RouteFormValues): { payload: RouteCreate; values: RouteFormValues; errors: ErrorDetail[] } {
  const cleaned = { ...values, paths: clean(values.paths), hosts: clean(values.hosts) };
  const errors: ErrorDetail[] = [];
  const json: Partial<Record<JsonFieldName, unknown>> = {};
  for (const { name } of JSON_FIELDS) {
    const res = parseJsonField(values.json[name], jsonFieldSchema(name), name);
    errors.push(...res.errors);
    if (res.value !== undefined) json[name] = res.value;
  }
  const payload = {
    name: cleaned.name.trim(),
    service: cleaned.service,
    paths: cleaned.paths,
    methods: cleaned.methods,
    hosts: cleaned.hosts,
    stripPath: cleaned.stripPath,
    priority: optionalNumber(values.priority),
    cache: cachePayload(values.cache),
    compression: compressionPayload(values.compression),
    ...json,
  } as RouteCreate;
  return { values: cleaned, payload, errors };
}
