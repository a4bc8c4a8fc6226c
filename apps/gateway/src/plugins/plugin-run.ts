import type { IncomingMessage } from 'node:http';
import type { Logger } from '../log';
import { errorMessage } from '../log';
import type { Metrics } from '../metrics';
import type { Chain, RoutePlugins, Step } from './chain';
import { BodyTooLargeError, readWholeBody } from './read-body';
import type { ConsumerIdentity, PluginRequest } from './types';

/** What the framework needs around a request: where failures are logged and counted. */
export interface PluginHost {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export type PluginRunInit = Pick<PluginRequest, 'requestId' | 'method' | 'host' | 'path' | 'query' | 'clientIp' | 'routeId' | 'routeName' | 'serviceId'> & {
  /** the request carries a body (Content-Length > 0, chunked, or an HTTP/2 stream with DATA to come) */
  readonly hasBody: boolean;
  /** the gateway's own body limit (AYA_MAX_BODY_BYTES): readBody() never goes above it */
  readonly maxBodyBytes: number;
};

/**
 * One request on a route with plugins: the PluginRequest plugins see, plus the chain it runs (the
 * route's, replaced by the consumer's once authenticated) and the body once a plugin read or set it.
 * Created only on routes that have plugins.
 */
export class PluginRun implements PluginRequest {
  readonly requestId: string;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: string;
  readonly clientIp: string;
  readonly tenant: string;
  readonly routeId: string;
  readonly routeName: string;
  readonly serviceId: string;
  consumer: ConsumerIdentity | undefined = undefined;
  credentialId: string | undefined = undefined;
  readonly upstreamHeaders = new Map<string, string | null>();
  upstreamQuery: string | undefined = undefined;
  readonly responseHeaders: Array<[string, string]> = [];
  /** the chain this request runs: the route's, then the consumer's (RoutePlugins.forConsumer) */
  chain: Chain;
  /** the body to forward from memory (read or set by a plugin); undefined: streamed */
  body: Buffer | undefined = undefined;
  /** limit of a streamed body (limitBody lowers it) */
  streamLimit: number;
  /** the status answered, for the log phase of a WebSocket handshake (ServerResponse-less); 499: none */
  status = 499;
  /** how much of a response body the body phases may hold in memory */
  readonly responseBufferLimit: number;
  readonly hasBody: boolean;
  private readonly maxBodyBytes: number;
  private reading: Promise<Buffer> | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly plugins: RoutePlugins,
    private readonly gw: PluginHost,
    init: PluginRunInit,
  ) {
    this.requestId = init.requestId;
    this.method = init.method;
    this.host = init.host;
    this.path = init.path;
    this.query = init.query;
    this.clientIp = init.clientIp;
    this.tenant = plugins.tenant;
    this.routeId = init.routeId;
    this.routeName = init.routeName;
    this.serviceId = init.serviceId;
    this.hasBody = init.hasBody;
    this.maxBodyBytes = init.maxBodyBytes;
    this.streamLimit = init.maxBodyBytes;
    this.responseBufferLimit = init.maxBodyBytes;
    this.chain = plugins.base;
  }

  /** at most `limit`, and never more than the route allows a streamed body (request-size-limit, AYA_MAX_BODY_BYTES) */
  readBody(limit = this.maxBodyBytes): Promise<Buffer> {
    const max = Math.min(limit, this.streamLimit);
    if (this.body !== undefined) return this.body.length > max ? Promise.reject(new BodyTooLargeError()) : Promise.resolve(this.body);
    if (!this.hasBody) return Promise.resolve((this.body = Buffer.alloc(0)));
    this.reading ??= readWholeBody(this.req, max).then((b) => (this.body ??= b));
    return this.reading.then((b) => {
      if (b.length > max) throw new BodyTooLargeError();
      return b;
    });
  }

  setBody(body: Buffer): void {
    this.body = body;
  }

  limitBody(bytes: number): void {
    if (bytes < this.streamLimit) this.streamLimit = bytes;
  }

  /** The chain holds an instance that could not be built (warned at compile): counted, not logged per request. */
  failedClosed(step: Step): void {
    this.gw.metrics.countPluginError(step.name);
  }

  /** The framework failed a request for the chain's body phases (not one plugin): logged and counted under each. */
  failedOn(err: unknown): void {
    for (const step of this.chain.body) this.failed(step, err);
  }

  /** A phase threw: logged (request id, plugin, route; never its config) and counted. */
  failed(step: Step, err: unknown): void {
    this.gw.metrics.countPluginError(step.name);
    this.gw.logger.error('plugin failed', { requestId: this.requestId, plugin: step.name, instance: step.instanceId, route: this.routeId, error: errorMessage(err) });
  }
}
