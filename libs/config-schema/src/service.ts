import { z } from 'zod';
import { nameSchema, timeoutMsSchema } from './common';

/** `http(s)://` or `grpc(s)://host[:port][/path]`, or `upstream://<upstream name>[/path]`. */
export const serviceUrlSchema = z
  .string()
  .max(2048)
  // the shape as a pattern (stated in the OpenAPI document); the refine below parses it as the gateway will
  .regex(
    /^((https?|grpcs?):\/\/[^\s/?#@]+(\/[^\s?#]*)?|upstream:\/\/[A-Za-z0-9][A-Za-z0-9._~-]*(\/\S*)?)$/,
    'must be http(s)://host:port/path, grpc(s)://host:port or upstream://<upstream name>',
  )
  .meta({ examples: ['http://10.0.0.1:8080/api', 'https://api.example.com', 'grpc://10.0.0.2:50051', 'upstream://orders/v1'] })
  .refine((v) => parseServiceUrl(v) !== null, 'must be http(s)://host:port/path, grpc(s)://host:port or upstream://<upstream name>');

/**
 * How the gateway talks to a service's targets. grpc / grpcs: HTTP/2 (cleartext prior knowledge /
 * TLS with ALPN), trailers relayed, gateway errors shaped as gRPC statuses.
 */
export const SERVICE_PROTOCOLS = ['http', 'https', 'grpc', 'grpcs'] as const;
export type ServiceProtocol = (typeof SERVICE_PROTOCOLS)[number];

/**
 * Upstream TLS (https / grpcs). All optional: absent = verify against the system CAs, SNI = the
 * target host, no client certificate.
 */
export const serviceTlsFields = {
  /** false: accept any upstream certificate (self-signed test backends); default true */
  tlsVerify: z.boolean().optional(),
  /** SNI and the name the certificate must carry; default the target host */
  tlsServerName: z.string().min(1).max(253).optional(),
  /** id of a certificate (with key) presented to the upstream: mTLS */
  clientCertificateId: z.string().min(1).max(128).optional(),
  /** id of a certificate whose chain is the only trusted CA bundle for this service */
  caCertificateId: z.string().min(1).max(128).optional(),
};

/**
 * Retries are capped per service: in the sliding window, retries may be at most `ratio` of the
 * requests, or `minRetries`, whichever is larger (so a quiet service can still retry at all).
 */
export const retryBudgetSchema = z.strictObject({
  ratio: z.number().min(0).max(1).default(0.2),
  windowMs: z.number().int().min(1_000).max(600_000).default(10_000),
  minRetries: z.number().int().min(0).max(10_000).default(10),
});
export type RetryBudget = z.infer<typeof retryBudgetSchema>;
export const RETRY_BUDGET_DEFAULTS: RetryBudget = { ratio: 0.2, windowMs: 10_000, minRetries: 10 };

export const serviceCreateSchema = z.strictObject({
  name: nameSchema,
  url: serviceUrlSchema,
  connectTimeoutMs: timeoutMsSchema.optional(),
  readTimeoutMs: timeoutMsSchema.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  /** idle time allowed while writing the request body upstream */
  sendTimeoutMs: timeoutMsSchema.optional(),
  /** whole request, all attempts included, until the response ends; null: no limit */
  totalTimeoutMs: timeoutMsSchema.nullable().optional(),
  retryBudget: retryBudgetSchema.optional(),
  /**
   * For `upstream://` urls (whose scheme says nothing): how to talk to the targets; absent = http.
   * For other urls the scheme decides and this, when given, must agree with it.
   */
  protocol: z.enum(SERVICE_PROTOCOLS).optional(),
  ...serviceTlsFields,
});
export const serviceUpdateSchema = serviceCreateSchema.partial();
export type ServiceCreate = z.infer<typeof serviceCreateSchema>;

export const SERVICE_DEFAULTS = {
  connectTimeoutMs: 5_000,
  readTimeoutMs: 60_000,
  /**
   * One more attempt, on another target, for an idempotent request without a body that failed
   * after it was sent (reset, closed, timed out). A connection that never opened goes to another
   * target whatever this says; non-idempotent requests are never replayed once sent.
   */
  retries: 1,
  sendTimeoutMs: 60_000,
  totalTimeoutMs: null,
} as const;

export interface Service {
  id: string;
  name: string;
  url: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  retries: number;
  /** optional so rows stored before these fields still map; absent = SERVICE_DEFAULTS / RETRY_BUDGET_DEFAULTS */
  sendTimeoutMs?: number;
  totalTimeoutMs?: number | null;
  retryBudget?: RetryBudget;
  protocol?: ServiceProtocol;
  tlsVerify?: boolean;
  tlsServerName?: string;
  clientCertificateId?: string;
  caCertificateId?: string;
  createdAt: string;
  updatedAt: string;
}

export type ParsedServiceUrl =
  | { kind: 'url'; protocol: ServiceProtocol; host: string; port: number; path: string }
  | { kind: 'upstream'; upstream: string; path: string };

/** Parses a service url; returns null when it is not one the gateway can use. */
export function parseServiceUrl(raw: string): ParsedServiceUrl | null {
  const up = /^upstream:\/\/([A-Za-z0-9][A-Za-z0-9._~-]*)(\/.*)?$/.exec(raw);
  if (up) return { kind: 'upstream', upstream: up[1], path: up[2] ?? '/' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  const protocol = SERVICE_PROTOCOLS.find((p) => `${p}:` === u.protocol);
  if (!protocol) return null;
  if (!u.hostname || u.username || u.password || u.search || u.hash) return null;
  // grpc has no default port of its own: the usual HTTP ones of its transport
  const port = u.port ? Number(u.port) : protocol === 'https' || protocol === 'grpcs' ? 443 : 80;
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  return { kind: 'url', protocol, host, port, path: u.pathname || '/' };
}

/** The snapshot protocol of a service: the url scheme, or the `protocol` field for upstream:// urls. */
export function serviceProtocolOf(parsed: ParsedServiceUrl, protocol: ServiceProtocol | undefined): ServiceProtocol {
  return parsed.kind === 'url' ? parsed.protocol : (protocol ?? 'http');
}
