import { Injectable } from '@nestjs/common';
import type { Credential, CredentialCreate, CredentialUpdate } from '@aya/config-schema';
import { SecretBox } from '../certificates/secret-box';
import { ConflictError, ValidationError } from '../common/errors';
import type { Tx } from '../db/prisma';
import type { Credential as CredentialRow, Prisma } from '../generated/prisma/client';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import type { ConsumerParent } from './consumer-parent';
import { prepareCredential, type PreparedCredential } from './credential-input';
import { toCredential } from './credential-mapper';
import { UNIQUE_CREDENTIAL_COLUMNS } from './credential-unique-columns';

/** A create body as the store sees it: parsed, then prepared (prepareCreate() ran before the transaction). */
type Input = CredentialCreate & Partial<CredentialUpdate>;

/**
 * A consumer's credentials (credentials.resource.ts). Secrets are write-only: stored hashed or sealed, and the
 * generated (or given) key-auth key or jwt HMAC secret is returned by the create response only.
 */
@Injectable()
export class CredentialsStore implements ResourceStore<CredentialRow, Credential, Input, ConsumerParent> {
  /** create bodies -> their columns and what the create response reveals, from prepareCreate() to insertRow()/createdView() */
  private readonly prepared = new WeakMap<Input, PreparedCredential>();

  constructor(private readonly box: SecretBox) {}

  findRows(db: Tx, query: RowQuery): Promise<CredentialRow[]> {
    return db.credential.findMany(query as Prisma.CredentialFindManyArgs);
  }

  toDto(row: CredentialRow): Credential {
    return toCredential(row);
  }

  /** scrypt takes tens of milliseconds, which should not be spent holding the config lock. */
  async prepareCreate(input: Input): Promise<void> {
    this.prepared.set(input, await prepareCredential(input, this.box));
  }

  async insertRow(tx: Tx, { tenantId, consumerId }: ConsumerParent, input: Input): Promise<CredentialRow> {
    const { columns } = this.prepared.get(input) ?? (await prepareCredential(input, this.box));
    for (const [column, message] of UNIQUE_CREDENTIAL_COLUMNS) {
      const value = columns[column];
      // writers are serialized (config_state row lock), so the check cannot race; unique indexes back it
      if (typeof value === 'string' && (await tx.credential.count({ where: { tenantId, [column]: value } })) > 0) throw new ConflictError(message);
    }
    return tx.credential.create({ data: { tenantId, consumerId, type: input.type, ...columns } });
  }

  /** Only a key-auth key's expiry changes (PATCH); anything else is a new credential. */
  updateRow(tx: Tx, _parent: ConsumerParent, row: CredentialRow, input: Partial<Input>): Promise<CredentialRow> {
    if (row.type !== 'key-auth') {
      throw new ValidationError('invalid request body', [{ path: 'expiresAt', message: `a ${row.type} credential has no expiry: only key-auth keys expire` }]);
    }
    const expiresAt = input.expiresAt === undefined ? row.expiresAt : input.expiresAt === null ? null : new Date(input.expiresAt);
    return tx.credential.update({ where: { id: row.id }, data: { expiresAt } });
  }

  async deleteRow(tx: Tx, row: CredentialRow): Promise<void> {
    await tx.credential.delete({ where: { id: row.id } });
  }

  /** The view plus the key or secret, this once (the audit row gets the view without it). */
  createdView(dto: Credential, input: Input): Credential {
    return { ...dto, ...this.prepared.get(input)?.reveal };
  }
}
