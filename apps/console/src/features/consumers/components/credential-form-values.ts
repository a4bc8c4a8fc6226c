import { JWT_ALGORITHMS, type Credential, type CredentialType, type JwtAlgorithm, type credentialCreateSchema } from '@aya/config-schema';
import type { z } from 'zod';
import { optionalText } from '../../../lib/form-values';

export type CredentialInput = z.input<typeof credentialCreateSchema>;

export const CREDENTIAL_TYPES: ReadonlyArray<{ value: CredentialType; label: string }> = [
  { value: 'key-auth', label: 'API key (key-auth)' },
  { value: 'basic-auth', label: 'Username and password (basic-auth)' },
  { value: 'jwt', label: 'JWT issuer (jwt)' },
  { value: 'mtls', label: 'Client certificate (mtls)' },
];

export interface CredentialFormValues {
  type: CredentialType;
  /** key-auth: blank = generated; jwt: the `iss` the token names */
  key: string;
  /** `<input type="datetime-local">` value, local time; blank = never */
  expiresAt: string;
  username: string;
  password: string;
  algorithm: JwtAlgorithm;
  /** HS*: blank = generated */
  secret: string;
  publicKey: string;
  jwksUrl: string;
  subject: string;
  fingerprint: string;
}

export const CREDENTIAL_FORM_FIELDS = ['type', 'key', 'expiresAt', 'username', 'password', 'algorithm', 'secret', 'publicKey', 'jwksUrl', 'subject', 'fingerprint'] as const;

export const emptyCredentialValues = (): CredentialFormValues => ({
  type: 'key-auth',
  key: '',
  expiresAt: '',
  username: '',
  password: '',
  algorithm: 'HS256',
  secret: '',
  publicKey: '',
  jwksUrl: '',
  subject: '',
  fingerprint: '',
});

export const isHmac = (algorithm: JwtAlgorithm) => algorithm.startsWith('HS');
export const JWT_ALGORITHM_OPTIONS = JWT_ALGORITHMS.map((a) => ({ value: a, label: a }));

/** datetime-local (the browser's time zone) -> ISO 8601 with offset, as the API takes it; garbage stays as typed so the schema names the field. */
export function localToIso(local: string): string | undefined {
  const v = local.trim();
  if (!v) return undefined;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? v : t.toISOString();
}

/** ISO instant -> the `datetime-local` value showing it in the browser's time zone ('' for none). */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** Only the fields of the chosen type; blanks are left out (a key or HMAC secret is then generated). */
export function toCredentialPayload(v: CredentialFormValues): { payload: CredentialInput } {
  switch (v.type) {
    case 'key-auth':
      return { payload: { type: 'key-auth', key: optionalText(v.key), expiresAt: localToIso(v.expiresAt) } };
    case 'basic-auth':
      return { payload: { type: 'basic-auth', username: v.username.trim(), password: v.password } };
    case 'jwt': {
      const hmac = isHmac(v.algorithm);
      return {
        payload: {
          type: 'jwt',
          key: v.key.trim(),
          algorithm: v.algorithm,
          secret: hmac ? optionalText(v.secret) : undefined,
          publicKey: hmac ? undefined : optionalText(v.publicKey),
          jwksUrl: hmac ? undefined : optionalText(v.jwksUrl),
        },
      };
    }
    case 'mtls':
      return { payload: { type: 'mtls', subject: optionalText(v.subject), fingerprint: optionalText(v.fingerprint) } };
  }
}

/** The secret a create answer carries once: the API key, or a jwt HMAC secret (a jwt `key` is the issuer, not a secret). */
export function revealedSecret(c: Credential): { label: string; value: string } | null {
  if (c.type === 'key-auth' && c.key) return { label: 'API key', value: c.key };
  if (c.type === 'jwt' && c.secret) return { label: 'HMAC secret', value: c.secret };
  return null;
}

/** What tells one credential from another in the list, never a secret. */
export function credentialIdentifier(c: Credential): string {
  switch (c.type) {
    case 'key-auth':
      return c.keyPrefix ? `${c.keyPrefix}…` : c.id;
    case 'basic-auth':
      return c.username ?? c.id;
    case 'jwt':
      return `${c.key ?? c.id} (${c.algorithm ?? 'HS256'})`;
    case 'mtls':
      return c.subject ? `CN=${c.subject}` : c.fingerprint ? `${c.fingerprint.slice(0, 16)}…` : c.id;
  }
}
