import { Inject, Injectable } from '@nestjs/common';
import { type Algorithm, type Page, type Target, type Upstream } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import { idOrKey } from '../common/id-or-name';
import { PAGE_ORDER, afterCursor, toPage, type PageQuery } from '../common/pagination';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Upstream as UpstreamRow } from '../generated/prisma/client';
import { findTenant } from '../tenants/tenant-lookup';
import { toUpstream } from './upstream-mapper';

export interface UpstreamInput {
  name: string;
  algorithm: Algorithm;
  targets: Target[];
}

export async function findUpstream(db: Tx, tenantId: string, idOrName: string): Promise<UpstreamRow> {
  const rows = await db.upstream.findMany({ where: { tenantId, ...idOrKey(idOrName, 'name') }, take: 2 });
  const row = rows.find((u) => u.id === idOrName.toLowerCase()) ?? rows[0];
  if (!row) throw new NotFoundError(`upstream "${idOrName}" not found`);
  return row;
}

/** Plain object literals: what Prisma's Json input type accepts. */
const targetsJson = (targets: Target[]) => targets.map((t) => ({ target: t.target, weight: t.weight }));

@Injectable()
export class UpstreamsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(tenant: string, page: PageQuery): Promise<Page<Upstream>> {
    const t = await findTenant(this.prisma, tenant);
    const rows = await this.prisma.upstream.findMany({
      where: { tenantId: t.id, ...afterCursor(page.cursor) },
      orderBy: PAGE_ORDER,
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, toUpstream);
  }

  async get(tenant: string, idOrName: string): Promise<Upstream> {
    const t = await findTenant(this.prisma, tenant);
    return toUpstream(await findUpstream(this.prisma, t.id, idOrName));
  }

  create(actor: Principal, tenant: string, input: UpstreamInput): Promise<Upstream> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      await this.assertNameFree(tx, t.id, input.name);
      const created = toUpstream(await tx.upstream.create({ data: { tenantId: t.id, ...input, targets: targetsJson(input.targets) } }));
      return { result: created, audit: { tenantId: t.id, action: 'create', resourceType: 'upstream', resourceId: created.id, after: created } };
    });
  }

  update(actor: Principal, tenant: string, idOrName: string, input: Partial<UpstreamInput>): Promise<Upstream> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await findUpstream(tx, t.id, idOrName);
      const renamed = input.name !== undefined && input.name !== row.name;
      if (renamed && input.name) await this.assertNameFree(tx, t.id, input.name);
      const data = { ...input, targets: input.targets ? targetsJson(input.targets) : undefined };
      const updated = toUpstream(await tx.upstream.update({ where: { id: row.id }, data }));
      // services address upstreams by name (upstream://<name>): keep their urls pointing at the renamed one
      if (renamed) await this.rewriteServiceUrls(tx, row.id, updated.name);
      return {
        result: updated,
        audit: { tenantId: t.id, action: 'update', resourceType: 'upstream', resourceId: row.id, before: toUpstream(row), after: updated },
      };
    });
  }

  remove(actor: Principal, tenant: string, idOrName: string): Promise<void> {
    return this.writer.write(actor, async (tx) => {
      const t = await findTenant(tx, tenant);
      const row = await findUpstream(tx, t.id, idOrName);
      const users = await tx.service.findMany({ where: { upstreamId: row.id }, select: { name: true }, take: 5 });
      if (users.length > 0) {
        throw new ConflictError(`upstream "${row.name}" is used by services: ${users.map((s) => s.name).join(', ')}`);
      }
      await tx.upstream.delete({ where: { id: row.id } });
      return { result: undefined, audit: { tenantId: t.id, action: 'delete', resourceType: 'upstream', resourceId: row.id, before: toUpstream(row) } };
    });
  }

  private async rewriteServiceUrls(tx: Tx, upstreamId: string, newName: string): Promise<void> {
    const services = await tx.service.findMany({ where: { upstreamId }, select: { id: true, url: true } });
    for (const s of services) {
      const url = s.url.replace(/^upstream:\/\/[^/]*/, `upstream://${newName}`);
      await tx.service.update({ where: { id: s.id }, data: { url } });
    }
  }

  private async assertNameFree(tx: Tx, tenantId: string, name: string): Promise<void> {
    if (await tx.upstream.findUnique({ where: { tenantId_name: { tenantId, name } } })) {
      throw new ConflictError(`upstream "${name}" already exists in this tenant`);
    }
  }
}
