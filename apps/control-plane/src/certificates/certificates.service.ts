import { Inject, Injectable } from '@nestjs/common';
import type { Certificate, CertificateCreate, Page } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { isUuid } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Certificate as CertificateRow } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { toCertificate } from './certificate-mapper';
import { certificateProblems } from './certificate-validation';
import { SecretBox } from './secret-box';

/**
 * TLS certificates of a tenant. Addressed by id only (they have no name). The private key is sealed with
 * AYA_SECRET_KEY before it is stored and never returned; SNIs are unique across every tenant because one
 * HTTPS listener serves them all.
 */
@Injectable()
export class CertificatesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
    private readonly box: SecretBox,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<Certificate>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.certificate.findMany({
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, toCertificate);
  }

  async get(tenant: string, id: string): Promise<Certificate> {
    const t = await findTenant(this.prisma, tenant);
    return toCertificate(await this.require(this.prisma, t.id, id));
  }

  create(actor: Principal, tenant: string, input: CertificateCreate): Promise<Certificate> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const data = await this.prepare(tx, { snis: input.snis ?? [], cert: input.cert, key: input.key });
      const created = toCertificate(await tx.certificate.create({ data: { tenantId: t.id, ...data } }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'certificate', resourceId: created.id, after: created } };
    });
  }

  /** PUT: omitted fields are gone (no key = a CA bundle); PATCH keeps them. */
  update(actor: Principal, tenant: string, id: string, input: Partial<CertificateCreate>, replace: boolean): Promise<Certificate> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, id);
      const cert = input.cert ?? row.cert;
      const snis = input.snis ?? (replace ? [] : (row.snis ?? []));
      // a new cert without a new key must still match the stored key
      const key = input.key ?? (replace || row.keyEncrypted === null ? undefined : this.box.open(row.keyEncrypted));
      if (key === undefined && row.keyEncrypted !== null) await this.assertNoClientUse(tx, row.id);
      const data = await this.prepare(tx, { snis, cert, key }, row.id, !replace && input.key === undefined ? row.keyEncrypted : undefined);
      const updated = toCertificate(await tx.certificate.update({ where: { id: row.id }, data }));
      return {
        result: updated,
        audit: { tenantId: t.id, action: 'update', resourceType: 'certificate', resourceId: row.id, before: toCertificate(row), after: updated },
      };
    });
  }

  remove(actor: Principal, tenant: string, id: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await this.require(tx, t.id, id);
      const users = await this.servicesUsing(tx, row.id, ['clientCertificateId', 'caCertificateId']);
      if (users.length > 0) throw new ConflictError(`certificate ${row.id} is used by services: ${users.join(', ')}`);
      await tx.certificate.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'certificate', resourceId: row.id, before: toCertificate(row) } };
    });
  }

  /** Validates, checks SNIs are free, seals the key (`keptSealed`: the stored sealed key, reused as is). */
  private async prepare(tx: Tx, c: { snis: string[]; cert: string; key: string | undefined }, selfId?: string, keptSealed?: string | null) {
    const problems = certificateProblems(c.cert, c.key);
    if (problems.length > 0) throw new ValidationError('invalid request body', problems);
    const snis = [...new Set(c.snis.map((s) => s.toLowerCase()))];
    if (snis.length > 0) {
      const taken = await tx.certificate.findMany({
        where: { snis: { hasSome: snis }, ...(selfId ? { id: { not: selfId } } : {}) },
        select: { id: true, snis: true },
        take: 1,
      });
      const clash = taken[0];
      if (clash) {
        const shared = snis.filter((s) => (clash.snis ?? []).includes(s));
        throw new ConflictError(`SNI ${shared.join(', ')} is already served by certificate ${clash.id}`);
      }
    }
    const keyEncrypted = keptSealed ?? (c.key === undefined ? null : this.box.seal(c.key));
    return { snis, cert: c.cert, keyEncrypted };
  }

  private async assertNoClientUse(tx: Tx, id: string): Promise<void> {
    const users = await this.servicesUsing(tx, id, ['clientCertificateId']);
    if (users.length > 0) throw new ConflictError(`certificate ${id} is the client certificate of services ${users.join(', ')}: it needs its key`);
  }

  /** Services naming the certificate in one of `keys` of their options. */
  private async servicesUsing(tx: Tx, id: string, keys: string[]): Promise<string[]> {
    const rows = await tx.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM services WHERE options->>${keys[0]} = ${id} OR options->>${keys[1] ?? keys[0]} = ${id} ORDER BY name LIMIT 5`;
    return rows.map((r) => r.name);
  }

  private async require(db: Tx, tenantId: string, id: string): Promise<CertificateRow> {
    const row = isUuid(id) ? await db.certificate.findFirst({ where: { id: id.toLowerCase(), tenantId } }) : null;
    if (!row) throw new NotFoundError(`certificate "${id}" not found`);
    return row;
  }
}
