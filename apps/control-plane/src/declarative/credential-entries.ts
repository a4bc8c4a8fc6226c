import { isDeepStrictEqual } from 'node:util';
import type { DeclarativeConfig, DeclarativeCredential, ErrorDetail } from '@aya/config-schema';
import { sha256Hex } from '@aya/config-schema/secrets';
import type { SecretBox } from '../certificates/secret-box';
import { ValidationError } from '../common/errors';
import { KEY_PREFIX_LENGTH, normalizeFingerprint } from '../consumers/credential-input';
import type { Credential as CredentialRow } from '../generated/prisma/client';
import { EMPTY_COLUMNS, columnsOf, type CredentialColumns } from './credential-columns';
import { assertUnique } from './credential-unique';
import type { Entry } from './document-entries';

/**
 * Consumers' credentials in a document (libs/config-schema declarative-credential.ts): dumped without a secret in
 * clear, compared by what the stored row holds (a clear secret is checked against its hash or sealed value, so a
 * hand-written file applies twice without a change), planned per consumer the document manages.
 */

export interface CurrentCredential {
  row: CredentialRow;
  username: string;
  key: string;
}

export interface CredentialWrite {
  /** `consumers[3].credentials[0]` */
  path: string;
  username: string;
  key: string;
  columns: CredentialColumns;
}

export interface CredentialPlan {
  creates: CredentialWrite[];
  updates: Array<{ write: CredentialWrite; current: CurrentCredential }>;
  deletes: CurrentCredential[];
}

/** What tells a credential apart in its tenant (unique indexes), with its consumer: `alice/key-auth/sha256:1a2b...`. */
function identity(username: string, c: Pick<CredentialColumns, 'type' | 'keyHash' | 'username' | 'jwtKey' | 'fingerprint' | 'subject'>): string {
  const id =
    c.type === 'key-auth' ? `sha256:${c.keyHash ?? ''}` : c.type === 'basic-auth' ? (c.username ?? '') : c.type === 'jwt' ? (c.jwtKey ?? '') : (c.fingerprint ?? `subject=${c.subject ?? ''}`);
  return `${username}/${c.type}/${id}`;
}

/** The change's name: a key by the start of its hash only. */
export function credentialLabel(key: string): string {
  return key.replace(/sha256:([0-9a-f]{12})[0-9a-f]*/, 'sha256:$1');
}

export function currentCredentials(rows: readonly CredentialRow[], usernames: ReadonlyMap<string, string>): CurrentCredential[] {
  return rows.map((row) => {
    const username = usernames.get(row.consumerId) ?? row.consumerId;
    return { row, username, key: identity(username, columnsOf(row)) };
  });
}

/** A credential as a dump writes it: hashes and sealed values, never a secret in clear. */
export function dumpCredential(row: CredentialRow): Entry {
  const set = (e: Entry) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null && v !== undefined));
  switch (row.type) {
    case 'key-auth':
      return set({ type: row.type, keyHash: row.keyHash, keyPrefix: row.keyPrefix, expiresAt: row.expiresAt?.toISOString() });
    case 'basic-auth':
      return set({ type: row.type, username: row.username, passwordHash: row.passwordHash });
    case 'jwt':
      return set({ type: row.type, key: row.jwtKey, algorithm: row.algorithm, secretSealed: row.secretEncrypted, publicKey: row.publicKey, jwksUrl: row.jwksUrl });
    default:
      return set({ type: row.type, subject: row.subject, fingerprint: row.fingerprint });
  }
}

/**
 * The columns a document's credential asks for. A secret in clear that the current row already holds (its hash
 * verifies, its sealed value opens to it) keeps the stored value, so applying the same file again changes nothing.
 */
function desiredColumns(c: DeclarativeCredential, key: string, current: CredentialRow | undefined, ctx: PlanContext, path: string, details: ErrorDetail[]): CredentialColumns {
  const { box } = ctx;
  switch (c.type) {
    case 'key-auth': {
      const keyHash = c.keyHash ?? sha256Hex(c.key ?? '');
      const keyPrefix = c.key !== undefined ? c.key.slice(0, KEY_PREFIX_LENGTH) : (c.keyPrefix ?? null);
      return { ...EMPTY_COLUMNS, type: c.type, keyHash, keyPrefix, expiresAt: c.expiresAt ? new Date(c.expiresAt).toISOString() : null };
    }
    case 'basic-auth': {
      // any scrypt hash of the password will do: the stored one when it matched (clear-passwords.ts)
      const passwordHash = c.passwordHash ?? ctx.passwords.get(key);
      if (passwordHash === undefined) throw new Error(`${path}: the password was not hashed before the apply`);
      return { ...EMPTY_COLUMNS, type: c.type, username: c.username, passwordHash };
    }
    case 'jwt': {
      let secretEncrypted: string | null = null;
      if (c.algorithm.startsWith('HS')) {
        const clear = c.secret ?? opened(box, c.secretSealed ?? '', `${path}.secretSealed`, details);
        const stored = current?.secretEncrypted ? opened(box, current.secretEncrypted, path, []) : undefined;
        // kept when it holds the same secret; a dump's sealed value is stored as given (it opened), so dumps match
        secretEncrypted = clear === undefined ? null : stored === clear ? (current?.secretEncrypted ?? null) : (c.secretSealed ?? box.seal(clear));
      }
      return { ...EMPTY_COLUMNS, type: c.type, jwtKey: c.key, algorithm: c.algorithm, secretEncrypted, publicKey: c.publicKey ?? null, jwksUrl: c.jwksUrl ?? null };
    }
    case 'mtls':
      return { ...EMPTY_COLUMNS, type: c.type, subject: c.subject ?? null, fingerprint: c.fingerprint === undefined ? null : normalizeFingerprint(c.fingerprint) };
  }
}

function opened(box: SecretBox, sealed: string, path: string, details: ErrorDetail[]): string | undefined {
  try {
    return box.open(sealed);
  } catch {
    details.push({ path, message: 'cannot be unsealed with this control plane\'s AYA_SECRET_KEY: give the secret in clear as "secret"' });
    return undefined;
  }
}

/**
 * Creates and updates of the credentials the document lists, and (prune) deletes of the credentials of the consumers
 * whose entry has `credentials` that it does not list. A consumer entry without `credentials` leaves its
 * credentials alone. A clash with a credential the tenant keeps is a 409 at the credential's path.
 */
export interface PlanContext {
  box: SecretBox;
  /** clear basic-auth passwords, hashed before the transaction (clear-passwords.ts), by credential identity */
  passwords: ReadonlyMap<string, string>;
}

export function planCredentials(doc: DeclarativeConfig, current: readonly CurrentCredential[], prune: boolean, ctx: PlanContext): CredentialPlan {
  const byKey = new Map(current.map((c) => [c.key, c]));
  const plan: CredentialPlan = { creates: [], updates: [], deletes: [] };
  const details: ErrorDetail[] = [];
  const listed = new Set<string>();
  const managed = new Set<string>();
  for (const [i, consumer] of doc.consumers.entries()) {
    if (consumer.credentials === undefined) continue;
    managed.add(consumer.username);
    for (const [j, credential] of consumer.credentials.entries()) {
      const path = `consumers[${i}].credentials[${j}]`;
      const key = identityOf(consumer.username, credential);
      if (listed.has(key)) details.push({ path, message: `duplicate of another credential of consumer "${consumer.username}" (${credentialLabel(key)})` });
      listed.add(key);
      const found = byKey.get(key);
      const columns = desiredColumns(credential, key, found?.row, ctx, path, details);
      // a key given by its hash alone keeps the prefix it has
      if (found && columns.keyPrefix === null) columns.keyPrefix = found.row.keyPrefix;
      const write = { path, username: consumer.username, key, columns };
      if (!found) plan.creates.push(write);
      else if (!isDeepStrictEqual(columnsOf(found.row), columns)) plan.updates.push({ write, current: found });
    }
  }
  if (details.length > 0) throw new ValidationError('invalid config document', details);
  if (prune) plan.deletes = current.filter((c) => managed.has(c.username) && !listed.has(c.key));
  assertUnique(plan, current);
  return plan;
}

/** The identity of a document's credential, computed as its row's would be. */
export function identityOf(username: string, c: DeclarativeCredential): string {
  switch (c.type) {
    case 'key-auth':
      return identity(username, { ...EMPTY_COLUMNS, type: c.type, keyHash: c.keyHash ?? sha256Hex(c.key ?? '') });
    case 'basic-auth':
      return identity(username, { ...EMPTY_COLUMNS, type: c.type, username: c.username });
    case 'jwt':
      return identity(username, { ...EMPTY_COLUMNS, type: c.type, jwtKey: c.key });
    case 'mtls':
      return identity(username, { ...EMPTY_COLUMNS, type: c.type, subject: c.subject ?? null, fingerprint: c.fingerprint === undefined ? null : normalizeFingerprint(c.fingerprint) });
  }
}
