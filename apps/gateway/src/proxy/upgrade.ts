import { ServerResponse, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { GwErrorCode } from '@aya/config-schema';
import { cookieOf, firstHeader, pathOf, queryOf } from '../balancer/pick-context';
import type { PickContext } from '../balancer/types';
import { upstreamPath } from '../compile/compile';
import type { RuntimeService, RuntimeTarget } from '../compile/types';
import { GW_ERROR_STATUS, refuseSocket } from './errors';
import { clientIpOf, type ProxyHandlerDeps } from './handler';
import { isHopByHop, upstreamRequestHeaders } from './headers';
import { DEFAULT_LIMITS } from './limits';
import { guardRequest } from './request-guard';
import { resolveRequestId } from './request-id';
import { serviceOf } from '../traffic/route-traffic';

/** An upstream handshake answer bigger than this is not a WebSocket server talking. */
const MAX_RESPONSE_HEAD = 16 * 1024;

export interface UpgradeProxy {
  /** node:http 'upgrade' listener */
  handle(req: IncomingMessage, socket: Socket, head: Buffer): void;
  /** shutdown after the drain deadline: cut every open tunnel */
  closeAll(): void;
  readonly open: number;
}

function pickContext(req: IncomingMessage, clientIp: string): PickContext {
  const url = req.url ?? '/';
  return {
    clientIp,
    path: () => pathOf(url),
    header: (name) => firstHeader(req.headers[name]),
    cookie: (name) => cookieOf(req.headers.cookie, name),
    query: (name) => queryOf(url, name),
  };
}

/**
 * WebSocket proxying: same guard, routing, balancer and header rules as plain requests, then
 * the two sockets are piped byte for byte. Until the upstream answers 101 every failure is a
 * coded HTTP error; after it, a failure on either side closes both. Tunnels count as in-flight
 * so a drain waits for them (up to its deadline). Other Upgrade tokens (h2c) are served as
 * plain HTTP/1.1 requests, as if the header were absent.
 */
export function createUpgradeProxy(deps: ProxyHandlerDeps, plain: (req: IncomingMessage, res: ServerResponse) => void): UpgradeProxy {
  const { metrics } = deps;
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const tunnels = new Set<() => void>();

  function refuse(socket: Socket, code: GwErrorCode, requestId: string): void {
    metrics.countStatus(GW_ERROR_STATUS[code]);
    refuseSocket(socket, code, requestId);
  }

  function servePlain(req: IncomingMessage, socket: Socket): void {
    // node parses no body after an Upgrade request: one with a body cannot be served safely
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
      refuse(socket, GwErrorCode.BAD_REQUEST, resolveRequestId(req.headers['x-request-id']));
      return;
    }
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => socket.destroySoon());
    plain(req, res);
  }

  function handle(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    // nothing may be read (and lost) before the tunnel's pipe is in place
    socket.pause();
    if (String(req.headers.upgrade).toLowerCase() !== 'websocket') {
      servePlain(req, socket);
      return;
    }
    metrics.requests++;
    const requestId = resolveRequestId(req.headers['x-request-id']);
    const guard = guardRequest(req, limits);
    if (!guard.ok) return refuse(socket, guard.code, requestId);
    const match = deps.config().router.find(req.method ?? 'GET', guard.host, guard.path, req.headers, guard.query);
    if (!match) return refuse(socket, GwErrorCode.ROUTE_NOT_FOUND, requestId);
    // the route's canary split and request header transforms apply to WebSocket handshakes too
    const traffic = match.route.traffic;
    const service = serviceOf(match.route, req.headers);
    const clientIp = clientIpOf(req);
    const target = service.balancer.pick(pickContext(req, clientIp));
    if (!target) return refuse(socket, GwErrorCode.NO_HEALTHY_UPSTREAM, requestId);
    const headers = upstreamRequestHeaders(req.rawHeaders, req.headers.connection, {
      clientIp,
      proto: deps.proto,
      host: guard.host ?? '',
      port: deps.port,
      requestId,
    });
    traffic?.requestHeaders?.(headers);
    const path = upstreamPath(match.route, match.prefix, guard.path) + guard.query;
    let text = `${req.method ?? 'GET'} ${path} HTTP/1.1\r\nhost: ${target.origin.slice(target.origin.indexOf('//') + 2)}\r\n`;
    // Upgrade/Connection are hop-by-hop: the gateway re-issues them for its own hop
    text += `connection: Upgrade\r\nupgrade: websocket\r\n`;
    for (let i = 0; i < headers.length; i += 2) text += `${headers[i]}: ${headers[i + 1]}\r\n`;
    dial(socket, service, target, Buffer.concat([Buffer.from(`${text}\r\n`, 'latin1'), head]), requestId);
  }

  function dial(socket: Socket, service: RuntimeService, target: RuntimeTarget, request: Buffer, requestId: string): void {
    const upstream = connect({ host: target.host, port: target.port });
    // a handshake is a request like any other to the target's health and breaker
    const probe = target.gate.onDispatch();
    let settled = false;
    const fail = (code: GwErrorCode): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      upstream.destroy();
      target.gate.onResult(false, probe);
      refuse(socket, code, requestId);
    };
    let timer = setTimeout(() => fail(GwErrorCode.UPSTREAM_TIMEOUT), service.connectTimeoutMs);
    upstream.on('error', () => fail(GwErrorCode.UPSTREAM_UNAVAILABLE));
    upstream.on('close', () => fail(GwErrorCode.UPSTREAM_UNAVAILABLE));
    socket.on('close', () => {
      if (!settled) target.gate.onResult(undefined, probe);
      settled = true;
      clearTimeout(timer);
      upstream.destroy();
    });
    upstream.once('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(GwErrorCode.UPSTREAM_TIMEOUT), service.readTimeoutMs);
      upstream.write(request);
    });
    let buf: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_RESPONSE_HEAD) fail(GwErrorCode.UPSTREAM_UNAVAILABLE);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      upstream.off('data', onData);
      upstream.pause();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(buf.toString('latin1', 0, Math.min(end, 32)))?.[1] ?? 0);
      target.gate.onResult(!target.failureStatuses.has(status), probe);
      answer(socket, upstream, target, buf.subarray(0, end).toString('latin1'), buf.subarray(end + 4), requestId);
    };
    upstream.on('data', onData);
  }

  /** Relays the upstream's handshake answer (hop-by-hop headers rewritten), then pipes. */
  function answer(socket: Socket, upstream: Socket, target: RuntimeTarget, head: string, rest: Buffer, requestId: string): void {
    const lines = head.split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const switching = status === 101;
    let out = `${lines[0]}\r\n`;
    let length = -1;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      if (colon <= 0 || isHopByHop(name) || name === 'x-request-id') continue;
      if (name === 'content-length') length = Number(line.slice(colon + 1));
      out += `${line}\r\n`;
    }
    out += switching ? 'connection: Upgrade\r\nupgrade: websocket\r\n' : 'connection: close\r\n';
    out += `x-request-id: ${requestId}\r\n\r\n`;
    metrics.countStatus(status);
    socket.write(out, 'latin1');
    if (rest.length) socket.write(rest);
    if (!switching) {
      // the upstream refused the upgrade: relay its answer, then close (its body length is known or it closes)
      if (length >= 0 && rest.length >= length) {
        socket.end();
        upstream.destroy();
        return;
      }
      upstream.pipe(socket);
      return;
    }
    tunnel(socket, upstream, target);
  }

  function tunnel(socket: Socket, upstream: Socket, target: RuntimeTarget): void {
    metrics.inFlight++;
    target.stats.active++;
    const close = (): void => {
      if (!tunnels.delete(close)) return;
      metrics.inFlight--;
      target.stats.active--;
      socket.destroy();
      upstream.destroy();
    };
    tunnels.add(close);
    socket.setNoDelay(true);
    upstream.setNoDelay(true);
    socket.on('close', close);
    upstream.on('close', close);
    upstream.on('error', close);
    socket.pipe(upstream);
    upstream.pipe(socket);
  }

  return {
    handle,
    closeAll: () => {
      for (const close of [...tunnels]) close();
    },
    get open() {
      return tunnels.size;
    },
  };
}
