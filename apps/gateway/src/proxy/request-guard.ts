import type { IncomingMessage } from 'node:http';
import { GwErrorCode } from '@aya/config-schema';
import type { ProxyLimits } from './limits';

export type GuardResult = { ok: true; host: string | undefined; path: string; query: string } | { ok: false; code: GwErrorCode };

/** RFC 3986 reg-name / IPv4 or a bracketed IPv6 literal, optional port: nothing that could smuggle a path or userinfo. */
const VALID_HOST = /^(?:[A-Za-z0-9._~!$&'()*+,;=%-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Checks node's llhttp leaves to us (it already refuses CL+TE, duplicate or bad Content-Length,
 * bad chunking, obs-fold): one valid Host (RFC 9112 3.2), no Transfer-Encoding on HTTP/1.0
 * (RFC 9112 6.1), header count, declared body size, and the request target. Pure: no I/O.
 */
export function guardRequest(req: IncomingMessage, limits: ProxyLimits): GuardResult {
  const raw = req.rawHeaders;
  // node keeps at most maxHeaderCount + 1 headers, so "more than the limit" is still visible here
  if (raw.length / 2 > limits.maxHeaderCount) return { ok: false, code: GwErrorCode.HEADERS_TOO_LARGE };
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === 4 && raw[i].toLowerCase() === 'host') hosts++;
  const host = req.headers.host;
  if (hosts > 1 || (hosts === 0 && req.httpVersionMinor >= 1) || (host !== undefined && !VALID_HOST.test(host))) {
    return { ok: false, code: GwErrorCode.BAD_REQUEST };
  }
  if (req.httpVersionMinor === 0 && req.headers['transfer-encoding'] !== undefined) return { ok: false, code: GwErrorCode.BAD_REQUEST };
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > limits.maxBodyBytes) return { ok: false, code: GwErrorCode.BODY_TOO_LARGE };
  const target = splitTarget(req.url ?? '/', host);
  return target ? { ok: true, host, ...target } : { ok: false, code: GwErrorCode.BAD_REQUEST };
}

/**
 * Origin-form `/p?q`, or absolute-form `http(s)://authority/p?q` only when the authority IS the
 * Host header: the gateway is a reverse proxy, never an open forward proxy, so a target naming
 * another host (`GET http://evil.example/`) is refused instead of being routed anywhere.
 * Authority-form (CONNECT) and asterisk-form (`OPTIONS *`) are refused too.
 */
export function splitTarget(url: string, host: string | undefined): { path: string; query: string } | null {
  let target = url;
  if (target.charCodeAt(0) !== 47 /* / */) {
    const m = /^https?:\/\/([^/?#]*)/i.exec(target);
    if (!m || host === undefined || m[1].toLowerCase() !== host.toLowerCase()) return null;
    target = target.slice(m[0].length);
    if (target === '' || target.charCodeAt(0) === 63 /* ? */) target = `/${target}`;
  }
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q) };
}
