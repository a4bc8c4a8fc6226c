import { request as httpRequest, ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { GwErrorCode } from '@aya/config-schema';
import { cookieOf, firstHeader, pathOf, queryOf } from '../balancer/pick-context';
import type { PickContext } from '../balancer/types';
import { upstreamPath } from '../compile/compile';
import type { RuntimeService, RuntimeTarget } from '../compile/types';
import { GW_ERROR_STATUS, refuseSocket, unmatchedRouteCode } from './errors';
import type { RouteMatch } from '../compile/types';
import { runAccess } from '../plugins/access';
import type { PluginHost, PluginRun } from '../plugins/plugin-run';
import { rawReply, runLogPhase } from '../plugins/reply';
import type { PluginReply } from '../plugins/types';
import { clientIpOf, isThenable, pluginRunOf, type AcceptedRequest, type ProxyHandlerDeps } from './handler';
import { applyUpstreamHeaders, isHopByHop, upstreamRequestHeaders } from './headers';
import { DEFAULT_LIMITS } from './limits';
import { guardRequest } from './request-guard';
import { resolveRequestId } from './request-id';
import { serviceOf } from '../traffic/route-traffic';

/** An upstream handshake answer head bigger than this is not a WebSocket server talking. */
const MAX_RESPONSE_HEAD = 16 * 1024;

/** Its response headers minus hop-by-hop ones and X-Request-Id (the gateway sets its own), flat. */
function endToEndHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!isHopByHop(name) && name !== 'x-request-id') out.push(raw[i], raw[i + 1]);
  }
  return out;
}

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
  const pluginHost: PluginHost = { metrics, logger: deps.logger };

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
    const config = deps.config();
    const match = config.router.find(req.method ?? 'GET', guard.host, guard.path, req.headers, guard.query);
    if (!match) return refuse(socket, unmatchedRouteCode(config.revision), requestId);
    const plugins = match.route.plugins;
    if (plugins === undefined) return proceed(req, socket, head, match, guard, requestId, undefined);
    // a handshake is a request like any other to the route's plugins: auth cannot be skipped with an Upgrade header
    // node parses no body after an Upgrade request
    const run = pluginRunOf(req, match, guard, pluginHost, requestId, false, 0);
    socket.once('close', () => runLogPhase(run, run.status));
    const outcome = runAccess(run);
    if (outcome === undefined) return proceed(req, socket, head, match, guard, requestId, run);
    if (!isThenable(outcome)) return answer(socket, run, outcome);
    outcome.then(
      (reply) => {
        if (socket.destroyed) return;
        if (reply) answer(socket, run, reply);
        else proceed(req, socket, head, match, guard, requestId, run);
      },
      () => refuse(socket, GwErrorCode.INTERNAL, requestId),
    );
  }

  /** A plugin answered the handshake: its reply, then the connection closes. */
  function answer(socket: Socket, run: PluginRun, reply: PluginReply): void {
    const { status, bytes } = rawReply(reply, run);
    run.status = status;
    metrics.countStatus(status);
    if (!socket.writable) socket.destroy();
    else {
      socket.end(bytes);
      socket.setTimeout(5_000, () => socket.destroy());
    }
  }

  function proceed(req: IncomingMessage, socket: Socket, head: Buffer, match: RouteMatch, guard: AcceptedRequest, requestId: string, run: PluginRun | undefined): void {
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
    if (run) applyUpstreamHeaders(headers, run.upstreamHeaders);
    const path = upstreamPath(match.route, match.prefix, guard.path, service) + (run?.upstreamQuery ?? guard.query);
    // Upgrade/Connection are hop-by-hop: the gateway re-issues them for its own hop
    const host = target.origin.slice(target.origin.indexOf('//') + 2);
    dial(req, socket, service, target, path, ['host', host, 'connection', 'Upgrade', 'upgrade', 'websocket', ...headers], head, requestId, run);
  }

  /**
   * The handshake goes through node's HTTP client, which parses the upstream's answer whatever its
   * framing: a 101 becomes a tunnel, any other answer is relayed as an HTTP/1.1 response (node
   * frames it again) and the client connection closed, since it was asked to switch protocols.
   */
  function dial(req: IncomingMessage, socket: Socket, service: RuntimeService, target: RuntimeTarget, path: string, headers: string[], head: Buffer, requestId: string, run: PluginRun | undefined): void {
    // a handshake is a request like any other to the target's health and breaker
    const probe = target.gate.onDispatch();
    let settled = false;
    let connected = false;
    let upstream: ReturnType<typeof httpRequest>;
    const fail = (code: GwErrorCode): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      upstream?.destroy();
      target.gate.onResult(false, probe, !connected);
      refuse(socket, code, requestId);
    };
    /** The upstream answered: health hears of it, timers stop. */
    const settle = (status: number): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      target.gate.onResult(!target.failureStatuses.has(status), probe);
      metrics.countStatus(status);
      if (run) run.status = status;
      return true;
    };
    let timer = setTimeout(() => fail(GwErrorCode.UPSTREAM_TIMEOUT), service.connectTimeoutMs);
    try {
      upstream = httpRequest({ host: target.host, port: target.port, method: req.method, path, headers, agent: false, maxHeaderSize: MAX_RESPONSE_HEAD });
    } catch {
      // a path or header node refuses to send (the client's request passed our guard, so rare)
      fail(GwErrorCode.BAD_REQUEST);
      return;
    }
    upstream.on('socket', (s: Socket) => {
      s.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        if (!settled) timer = setTimeout(() => fail(GwErrorCode.UPSTREAM_TIMEOUT), service.readTimeoutMs);
      });
    });
    upstream.on('error', () => fail(GwErrorCode.UPSTREAM_UNAVAILABLE));
    socket.on('close', () => {
      if (!settled) target.gate.onResult(undefined, probe);
      settled = true;
      clearTimeout(timer);
      upstream.destroy();
    });
    upstream.on('upgrade', (res: IncomingMessage, upSocket: Socket, upHead: Buffer) => {
      if (!settle(101)) {
        upSocket.destroy();
        return;
      }
      let out = `HTTP/1.1 101 ${res.statusMessage || 'Switching Protocols'}\r\n`;
      const kept = endToEndHeaders(res.rawHeaders);
      if (run) for (const [name, value] of run.responseHeaders) kept.push(name, value);
      for (let i = 0; i < kept.length; i += 2) out += `${kept[i]}: ${kept[i + 1]}\r\n`;
      socket.write(`${out}connection: Upgrade\r\nupgrade: websocket\r\nx-request-id: ${requestId}\r\n\r\n`, 'latin1');
      if (upHead.length) socket.write(upHead);
      // bytes the client sent after its handshake go once the upstream has switched too
      if (head.length) upSocket.write(head);
      tunnel(socket, upSocket, target);
    });
    upstream.on('response', (res: IncomingMessage) => {
      if (!settle(res.statusCode ?? 502)) {
        res.destroy();
        return;
      }
      relayRefusal(req, socket, res, requestId, () => upstream.destroy(), run);
    });
    upstream.end();
  }

  /** The upstream refused the upgrade: its answer, as an HTTP/1.1 response, then the client connection closes. */
  function relayRefusal(req: IncomingMessage, socket: Socket, res: IncomingMessage, requestId: string, done: () => void, run: PluginRun | undefined): void {
    const out = new ServerResponse(req);
    // node writes Connection: close and frames the body (Content-Length kept, otherwise chunked)
    out.shouldKeepAlive = false;
    out.assignSocket(socket);
    const headers = [...endToEndHeaders(res.rawHeaders), 'x-request-id', requestId];
    if (run) for (const [name, value] of run.responseHeaders) headers.push(name, value);
    out.writeHead(res.statusCode ?? 502, res.statusMessage, headers);
    res.pipe(out);
    const cut = (): void => {
      done();
      socket.destroy();
    };
    res.once('error', cut);
    res.once('aborted', cut);
    out.once('finish', () => {
      done();
      socket.destroySoon();
    });
    socket.resume();
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
