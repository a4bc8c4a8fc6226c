import type { HeadHook } from '../response/header-list';
import type { ServerResponse } from 'node:http';
import type { Params } from '../router/router';
import { captureOf, expandTemplate, type Template } from './template';

/** Replaces the first match of `regex` in `path`; the result always starts with `/`. */
export function rewritePath(path: string, regex: RegExp, replacement: Template): string {
  const m = regex.exec(path);
  if (m === null) return path;
  const out = path.slice(0, m.index) + expandTemplate(replacement, (ref) => captureOf(m, ref)) + path.slice(m.index + m[0].length);
  return out.charCodeAt(0) === 47 ? out : `/${out}`;
}

/** Answers a redirect route itself: Location from the template and the route path's captures. */
export function sendRedirect(res: ServerResponse, redirect: { status: number; location: Template }, params: Params | null, requestId: string, hook?: HeadHook): number {
  const location = expandTemplate(redirect.location, (ref) => params?.[ref]);
  const headers = ['location', location, 'content-length', '0', 'x-request-id', requestId];
  hook?.(redirect.status, headers);
  res.writeHead(redirect.status, headers);
  res.end();
  return redirect.status;
}
