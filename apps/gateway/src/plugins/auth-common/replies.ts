import { GwErrorCode } from '@aya/config-schema';
import type { AuthOutcome, ConsumerIdentity, PluginReply } from '../types';

/*
 * The outcomes every auth plugin answers with. `reason` is a stable, short word in the error body
 * (`details.reason`) that tells a client what to fix without echoing anything it sent.
 */

export type AuthFailureReason =
  | 'credentials-missing'
  | 'credentials-malformed'
  | 'credentials-unknown'
  | 'credentials-expired'
  | 'signature-invalid'
  | 'claims-invalid'
  | 'consumer-unknown'
  | 'scope-insufficient'
  | 'certificate-untrusted'
  | 'issuer-unavailable';

/** RFC 7235 auth-param value: a quoted string (backslash and quote escaped). */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** `challenge` undefined: no WWW-Authenticate (mutual TLS has no HTTP challenge). */
function unauthorized(challenge: string | undefined, reason: AuthFailureReason): PluginReply {
  return { code: GwErrorCode.UNAUTHORIZED, details: { reason }, headers: challenge === undefined ? undefined : { 'www-authenticate': challenge } };
}

export function missing(challenge: string | undefined): AuthOutcome {
  return { missing: true, reply: unauthorized(challenge, 'credentials-missing') };
}

export function invalid(challenge: string | undefined, reason: AuthFailureReason): AuthOutcome {
  return { invalid: true, reply: unauthorized(challenge, reason) };
}

/** A valid token without the scopes the route requires: 403 (RFC 6750 3.1 insufficient_scope). */
export function forbidden(challenge: string, reason: AuthFailureReason): AuthOutcome {
  return { invalid: true, reply: { code: GwErrorCode.FORBIDDEN, details: { reason }, headers: { 'www-authenticate': challenge } } };
}

export function authenticated(consumer: ConsumerIdentity, credentialId: string | undefined): AuthOutcome {
  return { consumer, credentialId };
}
