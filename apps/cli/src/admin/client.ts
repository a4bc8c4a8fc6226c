import type { ErrorDetail } from '@aya/config-schema';
import { ApiError, UnreachableError, UsageError } from './errors';

/** One admin API answer needs a few ms; 30 s means the control plane (or the network to it) is stuck. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Connection {
  url: string;
  /** bearer token; never printed, never put in an error */
  token?: string;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A thin fetch wrapper over `/api/v1`: JSON in and out, the control plane's error body as ApiError. */
export class AdminClient {
  private readonly base: string;

  constructor(private readonly conn: Connection) {
    let url: URL;
    try {
      url = new URL(conn.url);
    } catch {
      throw new UsageError(`--url / AYA_URL is not a URL: ${JSON.stringify(conn.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--url / AYA_URL must be http:// or https://');
    this.base = url.href.replace(/\/+$/, '');
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.conn.token) headers.authorization = `Bearer ${this.conn.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`cannot reach the control plane at ${this.base}: ${networkReason(error)}`);
    }
    const text = await res.text();
    const json = parseJson(text);
    if (!res.ok) throw toApiError(res, json);
    if (res.status === 204 || text === '') return undefined as T;
    if (json === undefined) throw new ApiError(res.status, undefined, `the answer from ${this.base} is not JSON: is it the control plane's admin URL?`);
    return json as T;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(res: Response, json: unknown): ApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? error.details.filter(isDetail) : [];
    return new ApiError(res.status, error.code, error.message, details);
  }
  return new ApiError(res.status, undefined, res.statusText || 'error');
}

function isDetail(d: unknown): d is ErrorDetail {
  return typeof d === 'object' && d !== null && typeof (d as ErrorDetail).path === 'string' && typeof (d as ErrorDetail).message === 'string';
}

/** fetch() hides the socket error in `cause`: ECONNREFUSED, ENOTFOUND, a TLS failure. */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
