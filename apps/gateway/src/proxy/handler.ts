import type { IncomingMessage, ServerResponse } from 'node:http';
import { GwErrorCode } from '@aya/config-schema';
import { upstreamPath } from '../compile/compile';
import type { CompiledConfig } from '../compile/types';
import { errorMessage, type Logger } from '../log';
import type { Metrics } from '../metrics';
import { sendGwError } from './errors';
import { ForwardCall } from './forward';
import { upstreamRequestHeaders } from './headers';
import type { PoolRegistry } from './pool-registry';
import { resolveRequestId } from './request-id';

export interface ProxyHandlerDeps {
  /** the applied config; read once per request so a swap mid-request changes nothing for it */
  config(): CompiledConfig;
  pools: PoolRegistry;
  metrics: Metrics;
  logger: Logger;
  proto: 'http' | 'https';
  port: number;
}

function clientIpOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** Origin-form path of the request target; absolute-form (`http://h/p`) is accepted as proxies must. */
function splitTarget(url: string): { path: string; query: string } | null {
  let target = url;
  if (target.charCodeAt(0) !== 47 /* / */) {
    if (!/^https?:\/\//i.test(target)) return null;
    const slash = target.indexOf('/', target.indexOf('//') + 2);
    target = slash < 0 ? '/' : target.slice(slash);
  }
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q) };
}

export function createProxyHandler(deps: ProxyHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { metrics, logger } = deps;
  const forwardDeps = { pools: deps.pools, metrics, logger };

  return function handle(req, res) {
    metrics.requests++;
    metrics.inFlight++;
    let call: ForwardCall | undefined;
    res.once('close', () => {
      metrics.inFlight--;
      if (!res.writableFinished) {
        metrics.aborted++;
        call?.clientClosed();
      }
    });
    let requestId = '';
    try {
      requestId = resolveRequestId(req.headers['x-request-id']);
      const target = splitTarget(req.url ?? '/');
      if (!target) {
        metrics.countStatus(sendGwError(res, GwErrorCode.BAD_REQUEST, requestId));
        return;
      }
      const method = req.method ?? 'GET';
      const host = req.headers.host;
      const match = deps.config().router.find(method, host, target.path);
      if (!match) {
        metrics.countStatus(sendGwError(res, GwErrorCode.ROUTE_NOT_FOUND, requestId));
        return;
      }
      const clientIp = clientIpOf(req);
      const headers = upstreamRequestHeaders(req.rawHeaders, req.headers.connection, {
        clientIp,
        proto: deps.proto,
        host: host ?? '',
        port: deps.port,
        requestId,
      });
      const length = req.headers['content-length'];
      const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
      call = new ForwardCall(
        req,
        res,
        match.route.service,
        { method, path: upstreamPath(match.route, match.prefix, target.path) + target.query, headers, clientIp, requestId, hasBody },
        forwardDeps,
      );
      call.start();
    } catch (err) {
      metrics.internalErrors++;
      logger.error('request failed inside the gateway', { requestId, error: errorMessage(err) });
      try {
        metrics.countStatus(sendGwError(res, GwErrorCode.INTERNAL, requestId || 'unknown'));
      } catch {
        res.destroy();
      }
    }
  };
}
