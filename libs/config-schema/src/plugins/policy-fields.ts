import { z } from 'zod';
import { regexProblem } from '../route-traffic';

/**
 * Field schemas of the policy plugins (cors, request/response transformer, request-validator) whose
 * checks go beyond a length: a bad origin regex or a `name:value` entry without a name is a 400 at write
 * time, never something a gateway discovers per request.
 */

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers a transformer may not touch: they frame the message (editing them desyncs the connection). */
export const FRAMING_HEADERS: readonly string[] = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection'];

/** Why `v` is not a CORS origin pattern, or undefined when it is one. */
export function originPatternProblem(v: string): string | undefined {
  if (v === '*') return undefined;
  // matched against the client's Origin header: the route regexes' backtracking guard applies
  if (v.startsWith('~')) return regexProblem(v.slice(1)) ?? undefined;
  // scheme://host[:port], the host optionally `*.`-prefixed (any subdomain), IPv6 hosts in brackets
  if (/^[a-z][a-z0-9+.-]*:\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(v)) return undefined;
  return 'must be "*", an origin (https://app.example.com), a wildcard (https://*.example.com) or ~regex';
}

/** `*`, an origin (`https://app.example.com`), a wildcard (`https://*.example.com`) or `~regex` (whole origin, case-insensitive). */
export const corsOriginSchema = z
  .string()
  .min(1)
  .max(512)
  .superRefine((v, ctx) => {
    const problem = originPatternProblem(v);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export type EditTarget = 'headers' | 'querystring' | 'json';

/** Why `entry` is not a `name:value` edit of `target` (`rename`: the value is the new name), or undefined. */
export function editEntryProblem(entry: string, target: EditTarget, rename: boolean): string | undefined {
  const colon = entry.indexOf(':');
  if (colon <= 0) return 'must be "name:value"';
  const name = entry.slice(0, colon);
  const value = entry.slice(colon + 1);
  if (target === 'headers') {
    if (!HEADER_TOKEN.test(name)) return `"${name}" is not an HTTP header name`;
    if (FRAMING_HEADERS.includes(name.toLowerCase())) return `${name} frames the message and cannot be edited`;
    if (rename && !HEADER_TOKEN.test(value)) return `"${value}" is not an HTTP header name`;
    if (rename && FRAMING_HEADERS.includes(value.toLowerCase())) return `${value} frames the message and cannot be edited`;
    if (!rename && /[\0\r\n]/.test(value)) return 'a header value cannot contain CR, LF or NUL';
  }
  if (rename && value.length === 0) return 'must be "old:new"';
  return undefined;
}

export function editEntrySchema(target: EditTarget, rename: boolean, max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((v, ctx) => {
      const problem = editEntryProblem(v, target, rename);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** A name to remove: headers must be header names (and not framing ones). */
export function removeEntrySchema(target: EditTarget) {
  return z
    .string()
    .min(1)
    .max(256)
    .superRefine((v, ctx) => {
      if (target !== 'headers') return;
      if (!HEADER_TOKEN.test(v)) ctx.addIssue({ code: 'custom', message: 'must be an HTTP header name' });
      else if (FRAMING_HEADERS.includes(v.toLowerCase())) ctx.addIssue({ code: 'custom', message: `${v} frames the message and cannot be edited` });
    });
}

/** `application/json`, `application/*`, `*\/*`: a media type (parameters are ignored when matching). */
export const mediaRangeSchema = z
  .string()
  .min(3)
  .max(128)
  .regex(/^([!#$%&'*+.^_`|~0-9A-Za-z-]+|\*)\/([!#$%&'*+.^_`|~0-9A-Za-z-]+|\*)$/, 'must be a media type such as application/json or application/*');
