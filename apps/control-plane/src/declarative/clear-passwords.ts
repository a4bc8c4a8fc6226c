import type { DeclarativeConfig, ErrorDetail } from '@aya/config-schema';
import { hashPassword, verifyPassword } from '@aya/config-schema/secrets';
import { ValidationError } from '../common/errors';
import { identityOf, type CurrentCredential } from './credential-entries';

/** scrypt costs tens of milliseconds and a good deal of memory each: a document may give this many passwords in clear. */
export const CLEAR_PASSWORDS_MAX = 1_000;
/** scrypt runs on libuv's thread pool (4 threads by default) */
const PARALLEL = 4;

/**
 * The basic-auth passwords a document gives in clear, hashed BEFORE the apply's transaction (scrypt must not run
 * while the config lock is held): the stored hash when the password verifies against it (so the same file applies
 * again without a change), a fresh hash otherwise. Keyed by credential identity. `current` is read outside the
 * transaction; if a credential changed since, the hash is still one of this password, so the plan stays right.
 */
export async function hashClearPasswords(doc: DeclarativeConfig, current: readonly CurrentCredential[]): Promise<Map<string, string>> {
  const stored = new Map(current.map((c) => [c.key, c.row.passwordHash]));
  const jobs: Array<{ key: string; password: string; path: string }> = [];
  for (const [i, consumer] of doc.consumers.entries()) {
    for (const [j, c] of (consumer.credentials ?? []).entries()) {
      if (c.type === 'basic-auth' && c.password !== undefined) jobs.push({ key: identityOf(consumer.username, c), password: c.password, path: `consumers[${i}].credentials[${j}].password` });
    }
  }
  if (jobs.length > CLEAR_PASSWORDS_MAX) {
    const detail: ErrorDetail = { path: jobs[CLEAR_PASSWORDS_MAX].path, message: `at most ${CLEAR_PASSWORDS_MAX} passwords in clear per apply (each is hashed with scrypt): give passwordHash, or apply in parts` };
    throw new ValidationError('invalid config document', [detail]);
  }
  const out = new Map<string, string>();
  for (let i = 0; i < jobs.length; i += PARALLEL) {
    await Promise.all(
      jobs.slice(i, i + PARALLEL).map(async ({ key, password }) => {
        const hash = stored.get(key);
        out.set(key, hash && (await verifyPassword(password, hash)) ? hash : await hashPassword(password));
      }),
    );
  }
  return out;
}

/** Whether any credential of the document gives a password in clear (only then is scrypt work done up front). */
export function hasClearPasswords(doc: DeclarativeConfig): boolean {
  return doc.consumers.some((c) => (c.credentials ?? []).some((x) => x.type === 'basic-auth' && x.password !== undefined));
}
