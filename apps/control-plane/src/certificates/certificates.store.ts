import { Injectable } from '@nestjs/common';
import type { Certificate, CertificateCreate } from '@aya/config-schema';
import { ConflictError, ValidationError } from '../common/errors';
import type { Tx } from '../db/prisma';
import type { Certificate as CertificateRow, Prisma } from '../generated/prisma/client';
import type { TenantParent } from '../resources/parents';
import { refuseWhileUsed } from '../resources/refuse-while-used';
import type { ResourceStore, RowQuery } from '../resources/resource-definition';
import { toCertificate } from './certificate-mapper';
import { certificateProblems } from './certificate-validation';
import { SecretBox } from './secret-box';

/**
 * The certificates table (certificates.resource.ts). Addressed by id only (they have no name). The private key
 * is sealed with AYA_SECRET_KEY before it is stored and never returned; SNIs are unique across every tenant
 * because one HTTPS listener serves them all.
 */
@Injectable()
export class CertificatesStore implements ResourceStore<CertificateRow, Certificate, CertificateCreate, TenantParent> {
  constructor(private readonly box: SecretBox) {}

  findRows(db: Tx, query: RowQuery): Promise<CertificateRow[]> {
    return db.certificate.findMany(query as Prisma.CertificateFindManyArgs);
  }

  toDto(row: CertificateRow): Certificate {
    return toCertificate(row);
  }

  async insertRow(tx: Tx, { tenantId }: TenantParent, input: CertificateCreate): Promise<CertificateRow> {
    const data = await this.prepare(tx, { snis: input.snis ?? [], cert: input.cert, key: input.key });
    return tx.certificate.create({ data: { tenantId, ...data } });
  }

  /** PUT: omitted fields are gone (no key = a CA bundle); PATCH keeps them. */
  async updateRow(tx: Tx, _parent: TenantParent, row: CertificateRow, input: Partial<CertificateCreate>, replace: boolean): Promise<CertificateRow> {
    const cert = input.cert ?? row.cert;
    const snis = input.snis ?? (replace ? [] : (row.snis ?? []));
    // a new cert without a new key must still match the stored key
    const key = input.key ?? (replace || row.keyEncrypted === null ? undefined : this.box.open(row.keyEncrypted));
    if (key === undefined && row.keyEncrypted !== null) await this.assertNoClientUse(tx, row.id);
    const data = await this.prepare(tx, { snis, cert, key }, row.id, !replace && input.key === undefined ? row.keyEncrypted : undefined);
    return tx.certificate.update({ where: { id: row.id }, data });
  }

  async deleteRow(tx: Tx, row: CertificateRow): Promise<void> {
    await tx.certificate.delete({ where: { id: row.id } });
  }

  async beforeDelete(tx: Tx, row: CertificateRow): Promise<void> {
    refuseWhileUsed('certificate', row.id, 'services', await this.servicesUsing(tx, row.id, ['clientCertificateId', 'caCertificateId']));
  }

  /** Validates, checks SNIs are free, seals the key (`keptSealed`: the stored sealed key, reused as is). */
  private async prepare(tx: Tx, c: { snis: string[]; cert: string; key: string | undefined }, selfId?: string, keptSealed?: string | null) {
    const snis = [...new Set(c.snis.map((s) => s.toLowerCase()))];
    const problems = certificateProblems(c.cert, c.key);
    // the HTTPS listener serves a certificate by SNI only with its key: one without would be accepted and never served
    if (snis.length > 0 && c.key === undefined && !keptSealed) {
      problems.push({ path: 'key', message: 'a certificate with SNIs is served to clients and needs its private key (a CA bundle has no SNIs)' });
    }
    if (problems.length > 0) throw new ValidationError('invalid request body', problems);
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
}
