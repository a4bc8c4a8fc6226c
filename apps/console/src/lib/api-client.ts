import { ApiError, ConsoleErrorCode, apiErrorFromBody } from './api-error';
import { authSession } from './auth-token';
import { env } from './env';
import { rememberEtag } from './etags';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Use this token instead of the stored one (verifying a pasted admin token before keeping it). */
  token?: string | null;
  /** A 401 here is an answer (bad password, bad token), not an expired session: do not sign out. */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
  /** Sent as `If-Match`: the write happens only if the resource is still as read (else 412, lib/etags.ts). */
  ifMatch?: string;
}

export interface ApiClientConfig {
  baseUrl: string;
  getToken: () => string | null;
  /** The cookie session's CSRF token, sent as `X-CSRF-Token` on writes made without a bearer token. */
  getCsrfToken?: () => string | null;
  onUnauthorized: () => void;
  fetch?: typeof fetch;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  put<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  delete<T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Thin fetch wrapper: cookie session (+ CSRF header) or bearer token, JSON in and out, every failure thrown as an ApiError. */
export function createApiClient(config: ApiClientConfig): ApiClient {
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token !== undefined ? options.token : config.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    const method = options.method ?? 'GET';
    const csrf = config.getCsrfToken?.();
    if (!token && csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch) headers['if-match'] = options.ifMatch;

    let res: Response;
    try {
      res = await doFetch(buildUrl(config.baseUrl, path, options.query), {
        method,
        headers,
        // the session cookie travels with same-origin requests only
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError({ status: 0, code: ConsoleErrorCode.NETWORK, message: 'Cannot reach the control plane' });
    }

    const body = await readBody(res);
    if (!res.ok) {
      const error = apiErrorFromBody(res.status, body, res.statusText);
      if (res.status === 401 && !options.allowUnauthenticated) config.onUnauthorized();
      throw error;
    }
    rememberEtag(body, res.headers.get('etag'));
    return body as T;
  }

  return {
    request,
    get: (path, options) => request(path, { ...options, method: 'GET' }),
    post: (path, body, options) => request(path, { ...options, method: 'POST', body }),
    put: (path, body, options) => request(path, { ...options, method: 'PUT', body }),
    patch: (path, body, options) => request(path, { ...options, method: 'PATCH', body }),
    delete: (path, options) => request(path, { ...options, method: 'DELETE' }),
  };
}

/** The console's client: same-origin by default; a 401 drops the session and the auth guard sends the user to sign-in. */
export const api: ApiClient = createApiClient({
  baseUrl: env.VITE_API_BASE,
  getToken: () => authSession.get().token,
  getCsrfToken: () => authSession.get().csrf,
  onUnauthorized: () => authSession.signedOut(),
});

/** Path segment helper: names may contain `.`/`~` and ids are opaque, so always encode. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
export { ApiError, ConsoleErrorCode } from './api-error';
