import type { Credential as CredentialRow } from '../generated/prisma/client';

/** The columns an apply writes; the identity columns never change on an update (they are the identity). */
export interface CredentialColumns {
  type: string;
  keyHash: string | null;
  keyPrefix: string | null;
  expiresAt: string | null;
  username: string | null;
  passwordHash: string | null;
  jwtKey: string | null;
  algorithm: string | null;
  secretEncrypted: string | null;
  publicKey: string | null;
  jwksUrl: string | null;
  subject: string | null;
  fingerprint: string | null;
}

/** A stored credential's columns, as an apply compares and writes them. */
export const columnsOf = (row: CredentialRow): CredentialColumns => ({
  type: row.type,
  keyHash: row.keyHash,
  keyPrefix: row.keyPrefix,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  username: row.username,
  passwordHash: row.passwordHash,
  jwtKey: row.jwtKey,
  algorithm: row.algorithm,
  secretEncrypted: row.secretEncrypted,
  publicKey: row.publicKey,
  jwksUrl: row.jwksUrl,
  subject: row.subject,
  fingerprint: row.fingerprint,
});

/** Every column unset: a credential of one type sets its own. */
export const EMPTY_COLUMNS: CredentialColumns = {
  type: '',
  keyHash: null,
  keyPrefix: null,
  expiresAt: null,
  username: null,
  passwordHash: null,
  jwtKey: null,
  algorithm: null,
  secretEncrypted: null,
  publicKey: null,
  jwksUrl: null,
  subject: null,
  fingerprint: null,
};
