import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './api/schema';
import { ApiError, ConsoleErrorCode, apiErrorFromBody } from './api-error';
import { authSession } from './auth-token';
import { env } from './env';
import { etagOf, rememberEtag } from './etags';

/**
 * Per-call options, passed beside `params`/`body` (openapi-fetch hands unknown init keys on to the Request the
 * middleware sees): `client.GET('/api/v1/auth/me', { ...caller({ token, allowUnauthenticated: true }) })`.
 */
export interface CallOptions {
  /** Use this token instead of the stored one (verifying a pasted admin token); null: send none. */
  token?: string | null;
  /** A 401 here is an answer (bad password, bad token), not an expired session: do not sign out. */
  allowUnauthenticated?: boolean;
}

/** Typed per-call options (a typo in a key would otherwise pass: openapi-fetch accepts any extra init key). */
export function caller(options: CallOptions): CallOptions {
  return options;
}

export interface ApiClientConfig {
  baseUrl: string;
  getToken: () => string | null;
  /** The cookie session's CSRF token, sent as `X-CSRF-Token` on writes made without a bearer token. */
  getCsrfToken?: () => string | null;
  onUnauthorized: () => void;
  fetch?: (request: Request) => Promise<Response>;
}

/** The typed client: `client.GET('/api/v1/tenants/{tenant}/services', { params: { path: { tenant } } })`. */
export type ConsoleClient = Client<paths, 'application/json'>;

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Bearer token or cookie session (+ CSRF header on writes); every failure thrown as an ApiError. */
function sessionMiddleware(config: ApiClientConfig): Middleware {
  return {
    onRequest({ request }) {
      const call = request as Request & CallOptions;
      const token = call.token !== undefined ? call.token : config.getToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      const csrf = config.getCsrfToken?.();
      if (!token && csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
    },
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const error = apiErrorFromBody(response.status, await readBody(response.clone()), response.statusText);
      if (response.status === 401 && !(request as Request & CallOptions).allowUnauthenticated) config.onUnauthorized();
      throw error;
    },
    onError({ error }) {
      if (error instanceof Error && error.name === 'AbortError') return undefined;
      return new ApiError({ status: 0, code: ConsoleErrorCode.NETWORK, message: 'Cannot reach the control plane' });
    },
  };
}

/** The console's typed client (openapi-fetch over the committed OpenAPI document, see lib/api/schema.d.ts). */
export function createApiClient(config: ApiClientConfig): ConsoleClient {
  const client = createClient<paths, 'application/json'>({
    baseUrl: config.baseUrl,
    headers: { accept: 'application/json' },
    // the session cookie travels with same-origin requests only
    credentials: 'same-origin',
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
  client.use(sessionMiddleware(config));
  return client;
}

/** Same-origin by default; a 401 drops the session and the auth guard sends the user to sign-in. */
export const client: ConsoleClient = createApiClient({
  baseUrl: env.VITE_API_BASE,
  getToken: () => authSession.get().token,
  getCsrfToken: () => authSession.get().csrf,
  onUnauthorized: () => authSession.signedOut(),
});

/** What a call of `client` resolves to (openapi-fetch's answer, narrowed to what the helpers read). */
export interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The answer's body, typed by the schema: `const s = await unwrap(client.GET(path, { params }))`. Files the
 * answer's `ETag` under it (lib/etags.ts) for a later write's `If-Match`.
 */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  // the middleware throws for every failure; this covers a client built without it
  if (error !== undefined || !response.ok) throw apiErrorFromBody(response.status, error, response.statusText);
  rememberEtag(data, response.headers.get('etag'));
  return data as T;
}

/** `params.header` of a write: `If-Match` with the ETag the record was read with (none known: unconditional). */
export function ifMatch(record: object): { 'If-Match'?: string } {
  const etag = etagOf(record);
  return etag === undefined ? {} : { 'If-Match': etag };
}

/** Path segment helper: names may contain `.`/`~` and ids are opaque, so always encode. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a call by a path string hands openapi-fetch (params filled into the path, query and headers as usual). */
export interface PathInit extends CallOptions {
  params?: { path?: object; query?: object; header?: object };
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type UntypedRequest = (method: Method, url: string, init: PathInit) => Promise<CallResult<unknown>>;

function untyped(typed: ConsoleClient): UntypedRequest {
  return typed.request as unknown as UntypedRequest;
}

/**
 * For helpers generic over many paths (lib/tenant-resource.ts): the same client and middleware, the answer typed
 * by the helper from the path's type (lib/api/typed-paths.ts), since one call cannot be typed for a union of paths.
 * `path` is one of the schema's paths, its `{params}` filled from `init.params.path`.
 */
export async function callPathOn<T>(typed: ConsoleClient, method: Method, path: string, init: PathInit = {}): Promise<T> {
  return (await unwrap(untyped(typed)(method, path, init))) as T;
}

/** `callPathOn` with the console's client. */
export function callPath<T>(method: Method, path: string, init: PathInit = {}): Promise<T> {
  return callPathOn<T>(client, method, path, init);
}

export { ApiError, ConsoleErrorCode } from './api-error';
