import type { PluginRequest } from '../plugins/types';

export type LimitSubject = 'consumer' | 'credential' | 'ip' | 'route' | 'service' | 'header';

/**
 * What a request is counted against. Like Kong, a subject the request does not have (no consumer
 * authenticated, no credential, header absent) falls back to the client IP, so anonymous traffic is
 * still limited per address rather than all together. The IP is the TCP peer's.
 */
export function subjectOf(r: PluginRequest, by: LimitSubject, header: string | undefined): string {
  switch (by) {
    case 'consumer':
      if (r.consumer) return `c:${r.consumer.id}`;
      break;
    case 'credential':
      if (r.credentialId !== undefined) return `k:${r.credentialId}`;
      break;
    case 'route':
      return `r:${r.routeId}`;
    case 'service':
      return `s:${r.serviceId}`;
    case 'header': {
      const v = header === undefined ? undefined : r.req.headers[header];
      if (v !== undefined) return `h:${Array.isArray(v) ? v.join(',') : v}`;
      break;
    }
    case 'ip':
      break;
  }
  return `i:${r.clientIp}`;
}
