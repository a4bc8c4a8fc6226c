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
