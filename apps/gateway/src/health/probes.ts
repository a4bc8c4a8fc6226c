import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, isIP } from 'node:net';
import type { ActiveHealthCheck } from '@aya/config-schema';

const MAX_BODY = 64 * 1024;

/** TCP check: the target accepts a connection within the timeout. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function statusOk(status: number, expected: readonly number[]): boolean {
  return expected.length === 0 ? status >= 200 && status < 400 : expected.includes(status);
}

/**
 * HTTP(S) check on its own short-lived connection (agent: false): it must not borrow, or be
 * queued behind, the keep-alive sockets that carry real traffic.
 */
export function probeHttp(host: string, port: number, check: ActiveHealthCheck, bodyRegex: RegExp | null): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(ok);
    };
    const options = { host, port, method: check.method, path: check.path, agent: false, headers: { 'user-agent': 'aya-health-check', connection: 'close' } };
    const onResponse = (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (!statusOk(status, check.expectedStatuses)) return done(false);
      if (!bodyRegex || check.method === 'HEAD') return done(true);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      res.once('end', () => done(bodyRegex.test(body.slice(0, MAX_BODY))));
      res.once('error', () => done(false));
    };
    const req =
      check.type === 'https'
        ? httpsRequest({ ...options, rejectUnauthorized: check.tlsVerify ?? true, servername: check.tlsServerName ?? (isIP(host) ? undefined : host) }, onResponse)
        : httpRequest(options, onResponse);
    req.setTimeout(check.timeoutMs, () => done(false));
    req.once('error', () => done(false));
    req.end();
  });
}
