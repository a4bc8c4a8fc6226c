import type { IncomingMessage } from 'node:http';
import { cookieOf, firstHeader, pathOf, queryOf } from '../balancer/pick-context';
import type { PickContext } from '../balancer/types';

/**
 * The balancer's view of a client request, read lazily from the IncomingMessage node already
 * parsed. ForwardCall extends it, so picking a target allocates nothing per request.
 */
export class RequestContext implements PickContext {
  constructor(
    protected readonly req: IncomingMessage,
    readonly clientIp: string,
  ) {}

  path(): string {
    return pathOf(this.req.url ?? '/');
  }
  header(name: string): string | undefined {
    return firstHeader(this.req.headers[name]);
  }
  cookie(name: string): string | undefined {
    return cookieOf(this.req.headers.cookie, name);
  }
  query(name: string): string | undefined {
    return queryOf(this.req.url ?? '/', name);
  }
}
