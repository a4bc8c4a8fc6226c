import type { HeadHook } from '../response/header-list';
import type { ServerResponse } from 'node:http';
import type { SnapshotRoute } from '@aya/config-schema';
import type { RuntimeService } from '../compile/types';

/** A fixed answer, ready to write: the body encoded once per revision. */
export interface FallbackResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly contentType: string;
}

/** What a route answers when its service cannot be reached (see fallbackSchema in the contract). */
export type RouteFallback = { readonly service: RuntimeService; readonly response?: undefined } | { readonly service?: undefined; readonly response: FallbackResponse };

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

export function compileFallback(r: SnapshotRoute, services: ReadonlyMap<string, RuntimeService>, warnings: string[]): RouteFallback | undefined {
  const f = r.fallback;
  if (!f) return undefined;
  if (f.response) {
    const body = f.response.body ?? '';
    const contentType = f.response.contentType ?? (body !== '' && looksLikeJson(body) ? 'application/json' : 'text/plain; charset=utf-8');
    return { response: { status: f.response.status, body: Buffer.from(body), contentType } };
  }
  const service = f.serviceId === undefined ? undefined : services.get(f.serviceId);
  if (!service) {
    warnings.push(`route ${r.name}: fallback service ${f.serviceId ?? '?'} not in snapshot (no fallback)`);
    return undefined;
  }
  return { service };
}

/** Writes the fixed fallback answer; `close`: the request body was left unread, so the connection goes. */
export function writeFallbackResponse(res: ServerResponse, r: FallbackResponse, requestId: string, close: boolean, hook?: HeadHook): number {
  if (res.destroyed) return r.status;
  const headers = ['content-type', r.contentType, 'content-length', String(r.body.length), 'x-request-id', requestId, 'x-aya-fallback', 'response', 'cache-control', 'no-store'];
  // HTTP/2 has no connection-level headers: the stream alone ends there
  if (close && !('stream' in res)) headers.push('connection', 'close');
  hook?.(r.status, headers);
  res.writeHead(r.status, headers);
  res.end(r.body);
  return r.status;
}
