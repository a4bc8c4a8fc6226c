import { Inject, Injectable } from '@nestjs/common';
import type { Credential, CredentialCreate, CredentialUpdate, Page } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { SecretBox } from '../certificates/secret-box';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Credential as CredentialRow } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { findConsumer } from './consumer-lookup';
import { prepareCredential, type CredentialColumns } from './credential-input';
import { toCredential } from './credential-mapper';

/** Columns unique per tenant, and how a clash is told (without saying whose it is). */
const UNIQUE: Array<[keyof CredentialColumns, string]> = [
  ['keyHash', 'this key is already in use'],
  ['username', 'this basic-auth username is already in use'],
  ['jwtKey', 'this jwt key is already in use'],
  ['fingerprint', 'a credential with this fingerprint already exists'],
  ['subject', 'a credential with this subject already exists'],
];

/**
 * A consumer's credentials (addressed by id). Secrets are write-only: stored hashed or sealed, and the
 * generated (or given) key-auth key or jwt HMAC secret is returned by the create response only.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
    private readonly box: SecretBox,
  ) {}

  async list(tenant: string, consumer: string, page: PageQuery): Promise<Page<Credential>> {
    const t = await findTenant(this.prisma, tenant);
    const c = await findConsumer(this.prisma, t.id, consumer);
    const rows = await this.prisma.credential.findMany({ where: { consumerId: c.id, ...afterCursor(page.cursor) }, orderBy: PAGE_ORDER, take: page.limit + 1 });
    return toPage(rows, page.limit, toCredential);
  }

  async get(tenant: string, consumer: string, id: string): Promise<Credential> {
    const t = await findTenant(this.prisma, tenant);
    const c = await findConsumer(this.prisma, t.id, consumer);
    return toCredential(await this.require(this.prisma, c.id, id));
  }

  async create(actor: Principal, tenant: string, consumer: string, input: CredentialCreate): Promise<Credential> {
    const { columns, reveal } = await prepareCredential(input, this.box);
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const c = await findConsumer(tx, t.id, consumer);
      await this.assertFree(tx, t.id, columns);
      const row = await tx.credential.create({ data: { tenantId: t.id, consumerId: c.id, type: input.type, ...columns } });
      const created = toCredential(row);
      // the audit row gets the view without the secret
      return { result: { ...created, ...reveal }, audit: { tenantId: t.id, action: 'create', resourceType: 'credential', resourceId: row.id, after: created } };
    });
  }

  update(actor: Principal, tenant: string, consumer: string, id: string, input: CredentialUpdate): Promise<Credential> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const c = await findConsumer(tx, t.id, consumer);
      const row = await this.require(tx, c.id, id);
      if (row.type !== 'key-auth') throw new ValidationError('invalid request body', [{ path: 'expiresAt', message: `a ${row.type} credential has no expiry: only key-auth keys expire` }]);
      const updated = toCredential(await tx.credential.update({ where: { id: row.id }, data: { expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt) } }));
      return { result: updated, audit: { tenantId: t.id, action: 'update', resourceType: 'credential', resourceId: row.id, before: toCredential(row), after: updated } };
    });
  }

  remove(actor: Principal, tenant: string, consumer: string, id: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const c = await findConsumer(tx, t.id, consumer);
      const row = await this.require(tx, c.id, id);
      await tx.credential.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'credential', resourceId: row.id, before: toCredential(row) } };
    });
  }

  /** Writers are serialized (config_state row lock), so the checks cannot race; unique indexes back them. */
  private async assertFree(tx: Tx, tenantId: string, columns: CredentialColumns): Promise<void> {
    for (const [column, message] of UNIQUE) {
      const value = columns[column];
      if (typeof value === 'string' && (await tx.credential.count({ where: { tenantId, [column]: value } })) > 0) throw new ConflictError(message);
    }
  }

  private async require(db: Tx, consumerId: string, id: string): Promise<CredentialRow> {
    const row = isUuid(id) ? await db.credential.findFirst({ where: { id: id.toLowerCase(), consumerId } }) : null;
    if (!row) throw new NotFoundError(`credential "${id}" not found`);
    return row;
  }
}
