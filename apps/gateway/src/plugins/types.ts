import type { IncomingMessage } from 'node:http';
import type { ZodType } from 'zod';
import type { GwErrorCode, PluginName, SnapshotConsumer, SnapshotCredential } from '@aya/config-schema';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';

/**
 * The plugin contract (see apps/gateway/README.md "Plugins"). A plugin is a module with a name, a priority
 * (higher runs first; the whole table is pinned by plugins/priority.test.ts), a version, its config schema
 * (from @aya/config-schema) and create(): called once per config change with the parsed config, it returns
 * the instance whose phases run per request. Everything that can be computed from the config (regexes,
 * CIDR lists, compiled JSON Schemas, key indexes) is computed in create(), never per request.
 */

/** The consumer a request was authenticated as (set by an auth plugin, read by the rest of the chain). */
export interface ConsumerIdentity {
  readonly id: string;
  readonly username: string;
  readonly customId: string | null;
  readonly groups: readonly string[];
}

/** A response a plugin answers with instead of forwarding the request (a coded gateway error or its own). */
export interface PluginReply {
  /** a gateway error: status and body from the code (`{error: {code, message, requestId}}`) */
  readonly code?: GwErrorCode;
  /** with `code`: extra fields for the error body (e.g. validation `details`) */
  readonly details?: unknown;
  /** without `code`: the status and body as given (e.g. a CORS preflight 204) */
  readonly status?: number;
  readonly body?: string | Buffer;
  /** headers of the reply (WWW-Authenticate, Retry-After, RateLimit...) */
  readonly headers?: Readonly<Record<string, string>>;
}

/** undefined: continue with the next plugin; a reply: answer it and stop (nothing goes upstream). */
export type PhaseResult = PluginReply | undefined;

/** The request as plugins see it. One per request, created only on routes that have plugins. */
export interface PluginRequest {
  readonly req: IncomingMessage;
  readonly requestId: string;
  readonly method: string;
  /** Host without port, lowercase */
  readonly host: string;
  /** path without the query */
  readonly path: string;
  /** '' or '?a=b' */
  readonly query: string;
  /** the request carries a body (Content-Length > 0, chunked, or an HTTP/2 stream with DATA to come) */
  readonly hasBody: boolean;
  /** the TCP peer (IPv4-mapped IPv6 unwrapped) */
  readonly clientIp: string;
  readonly tenant: string;
  readonly routeId: string;
  readonly routeName: string;
  readonly serviceId: string;
  /** set by the auth plugin that authenticated the request */
  consumer: ConsumerIdentity | undefined;
  credentialId: string | undefined;
  /** request headers to set (lowercase name -> value; null removes) before the request goes upstream */
  readonly upstreamHeaders: Map<string, string | null>;
  /** the upstream query string to use instead of `query` ('' or '?...'); undefined: unchanged */
  upstreamQuery: string | undefined;
  /** headers added to the client's response, whoever answers (upstream, a plugin reply, a gateway error) */
  readonly responseHeaders: Array<[string, string]>;
  /**
   * The whole request body, read once (at most `limit` bytes, else 413) and then forwarded from memory
   * instead of streamed. Only plugins that must see the body call it (transformer, validator).
   */
  readBody(limit?: number): Promise<Buffer>;
  /** replaces the body forwarded upstream (Content-Length follows) */
  setBody(body: Buffer): void;
  /**
   * Lowers the limit of a body that is streamed upstream (never buffered): once more than `bytes`
   * have flowed the request is cut with 413 AYA_GW_BODY_TOO_LARGE. A declared Content-Length is the
   * plugin's own check (it can see it in the headers).
   */
  limitBody(bytes: number): void;
}

/** The phases a plugin may implement; each is optional. */
export interface PluginInstance {
  /** before the request goes upstream */
  access?(r: PluginRequest): PhaseResult | Promise<PhaseResult>;
  /** the response head (upstream's or a reply's): edit the flat [name, value, ...] list in place */
  header?(r: PluginRequest, status: number, headers: string[]): void;
  /**
   * Set when the plugin must see (and may change) the whole response body: the framework buffers it
   * (up to the route's limit) and calls body() once instead of streaming. Rarely needed.
   */
  readonly buffersBody?: boolean;
  /**
   * With buffersBody: whether THIS response must be held, from its head (e.g. only JSON bodies); absent: every
   * response of the route is. A response no step holds streams as usual and its body phases are not called.
   */
  holdsBody?(r: PluginRequest, status: number, headers: readonly string[]): boolean;
  body?(r: PluginRequest, status: number, headers: string[], body: Buffer): Buffer;
  /** after the response finished (or failed); never throws into the request */
  log?(r: PluginRequest, status: number): void;
  /** the config was replaced: release timers, sockets */
  close?(): void;
}

/** The outcome of an auth plugin for one request. */
export type AuthOutcome =
  /** authenticated: the consumer and the credential that proved it */
  | { readonly consumer: ConsumerIdentity; readonly credentialId: string | undefined }
  /** the request carries no credential this plugin reads (another auth plugin or `anonymous` may apply) */
  | { readonly missing: true; readonly reply: PluginReply }
  /** it carries one and it is wrong (expired, bad signature, unknown key): 401 unless another plugin authenticates */
  | { readonly invalid: true; readonly reply: PluginReply };

/** An auth plugin's instance: the framework runs every auth plugin of a chain as one "any of them" step. */
export interface AuthPluginInstance extends PluginInstance {
  authenticate(r: PluginRequest): AuthOutcome | Promise<AuthOutcome>;
  /** the consumer (id or username) to use when no auth plugin of the chain authenticated; null: none */
  readonly anonymous: string | null;
}

/** Consumers and credentials of the tenant the chain belongs to, indexed once per config change. */
export interface ConsumerDirectory {
  consumer(idOrUsername: string): ConsumerIdentity | undefined;
  consumerByCustomId(customId: string): ConsumerIdentity | undefined;
  credentials<T extends SnapshotCredential['type']>(type: T): ReadonlyArray<Extract<SnapshotCredential, { type: T }>>;
  /** all consumers, for plugins that index by a consumer field */
  readonly consumers: readonly SnapshotConsumer[];
}

/**
 * Process-wide things plugin instances may use, created once per gateway process (not per compile):
 * shared so a config change keeps counters, JWKS caches and the Redis connection.
 */
export interface PluginShared {
  readonly logger: Logger;
  /** AYA_CLUSTER_TOKEN: unseals jwt HMAC secrets (see @aya/config-schema/seal) */
  readonly clusterToken: string;
  /** REDIS_URL of the gateway, or undefined */
  readonly redisUrl: string | undefined;
  /** the gateway's counters: plugins bump their own (rate-limit: Redis errors) */
  readonly metrics: Metrics;
  /** named services plugins register once per process (rate-limit counters, JWKS cache...) */
  service<T>(name: string, create: () => T): T;
}

export interface PluginEnv {
  readonly tenant: string;
  readonly consumers: ConsumerDirectory;
  readonly shared: PluginShared;
  /** where the instance is attached, for logs and counter keys */
  readonly instanceId: string;
}

export interface PluginDefinition<C = unknown> {
  readonly name: PluginName;
  /** higher runs first (pinned by plugins/priority.test.ts) */
  readonly priority: number;
  readonly version: string;
  /** the config schema from @aya/config-schema PLUGIN_CONFIG_SCHEMAS */
  readonly schema: ZodType<C>;
  /** auth plugins return an AuthPluginInstance */
  readonly auth?: boolean;
  create(config: C, env: PluginEnv): PluginInstance | AuthPluginInstance;
}

/**
 * A definition of any config type, as registry.ts lists them (create() is a method, so a definition of
 * a narrower config still fits). The framework only hands create() what `schema` parsed.
 */
export type AnyPluginDefinition = PluginDefinition<unknown>;
