import { Inject, Injectable } from '@nestjs/common';
import type { ConfigDiff, Page, RevisionDetail, RevisionSummary, RollbackResult } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { assertNoCrossTenantClash } from './cross-tenant';
import { itemDiffOf, itemOf } from './history-view';
import { restoreRows } from './restore-rows';
import { diffBetween, netChanges, type RowChange } from './row-history';
import { requestScope, rollbackScope, type TenantScope } from './tenant-scope';

/** How many of a revision's changed items the list shows (the revision itself has them all). */
export const LIST_ITEMS = 20;

interface RevisionRow {
  revision: number;
  created_at: Date;
  actor: string | null;
}

const tenantFilter = (scope: TenantScope): string[] | null => (scope === 'all' ? null : [...scope]);

/**
 * Config history over the row changes every config write records (migration config_history): revisions newest
 * first, one revision's changes, the difference between two, and rollback to one (a new revision through the
 * config writer, so it is audited and reaches gateways like any write). A caller sees only the changes of the
 * tenants in its scope (tenant-scope.ts); a revision without any of them is not theirs to see.
 */
@Injectable()
export class HistoryService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
  ) {}

  async list(actor: Principal, q: { limit: number; cursor?: string; tenant?: string }): Promise<Page<RevisionSummary>> {
    const scope = await requestScope(this.prisma, actor, q.tenant);
    const tenants = tenantFilter(scope);
    const before = q.cursor === undefined ? 2_147_483_647 : Number(q.cursor);
    const rows = await this.prisma.$queryRaw<RevisionRow[]>`
      SELECT r.revision, r.created_at, r.actor FROM config_revisions r
      WHERE r.revision < ${before} AND r.row_history
        AND (${tenants}::uuid[] IS NULL OR EXISTS (
          SELECT 1 FROM config_row_changes c WHERE c.revision = r.revision AND c.tenant_id = ANY(${tenants}::uuid[])))
      ORDER BY r.revision DESC LIMIT ${q.limit + 1}`;
    const page = rows.slice(0, q.limit);
    const revisions = page.map((r) => r.revision);
    const counts = await this.prisma.$queryRaw<Array<{ revision: number; n: bigint }>>`
      SELECT revision, count(DISTINCT (table_name, row_key)) AS n FROM config_row_changes
      WHERE revision = ANY(${revisions}::int[]) AND (${tenants}::uuid[] IS NULL OR tenant_id = ANY(${tenants}::uuid[]))
      GROUP BY revision`;
    const firsts = await this.prisma.$queryRaw<Array<RowChange & { revision: number }>>`
      SELECT revision, table_name AS "tableName", row_key AS "rowKey", tenant_id::text AS "tenantId", old_row AS "oldRow", new_row AS "newRow"
      FROM (SELECT c.*, row_number() OVER (PARTITION BY c.revision ORDER BY c.seq) AS k FROM config_row_changes c
            WHERE c.revision = ANY(${revisions}::int[]) AND (${tenants}::uuid[] IS NULL OR c.tenant_id = ANY(${tenants}::uuid[]))) x
      WHERE k <= ${LIST_ITEMS * 2} ORDER BY seq`;
    const data = page.map((r) => ({
      ...this.header(r),
      changeCount: Number(counts.find((c) => c.revision === r.revision)?.n ?? 0),
      changes: netChanges(firsts.filter((c) => c.revision === r.revision)).slice(0, LIST_ITEMS).map(itemOf),
    }));
    const last = page.at(-1);
    return { data, next: rows.length > q.limit && last ? String(last.revision) : null };
  }

  async get(actor: Principal, n: number, tenant: string | undefined): Promise<RevisionDetail> {
    const scope = await requestScope(this.prisma, actor, tenant);
    const [row] = await this.prisma.$queryRaw<RevisionRow[]>`
      SELECT revision, created_at, actor FROM config_revisions WHERE revision = ${n} AND row_history`;
    const changes = netChanges(await this.changes(this.prisma, n - 1, n, scope));
    // a revision none of whose changes the caller may see is not theirs to know of
    if (!row || (scope !== 'all' && changes.length === 0)) throw new NotFoundError(`revision ${n} not found (or no longer kept)`);
    return { ...this.header(row), changeCount: changes.length, changes: changes.map(itemDiffOf) };
  }

  async diff(actor: Principal, q: { from: number; to: number; tenant?: string }): Promise<ConfigDiff> {
    const scope = await requestScope(this.prisma, actor, q.tenant);
    const [lo, hi] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
    const { current, floor } = await this.reach(this.prisma);
    for (const [field, value] of [['from', q.from], ['to', q.to]] as const) {
      if (value > current) throw new ValidationError('invalid query', [{ path: field, message: `revision ${value} does not exist yet (current: ${current})` }]);
      if (value < floor) throw new ValidationError('invalid query', [{ path: field, message: `revision ${value} is older than the kept history (oldest: ${floor})` }]);
    }
    const changes = diffBetween(q.from, q.to, await this.changes(this.prisma, lo, hi, scope));
    return { from: q.from, to: q.to, changes: changes.map(itemDiffOf) };
  }

  /**
   * A new revision whose config equals revision `n`'s: every row changed since is put back as it was then
   * (rows created since are deleted, rows deleted since come back with their ids), in one config write. With a
   * tenant, only that tenant's objects (not the tenant itself); the rules that span tenants are checked again.
   */
  rollback(actor: Principal, n: number, tenantRef: string | undefined): Promise<RollbackResult> {
    return this.writer.write(actor, async (tx) => {
      const scope = await rollbackScope(tx, actor, tenantRef);
      const [state] = await tx.$queryRaw<Array<{ revision: number }>>`SELECT revision FROM config_state WHERE id = 1`;
      const revision = state?.revision ?? 0;
      const { current, floor } = await this.reach(tx);
      if (n > current) throw new NotFoundError(`revision ${n} not found`);
      if (n < floor) throw new ConflictError(`revision ${n} is older than the kept history: the oldest revision a rollback reaches is ${floor}`);
      const changes = netChanges(await this.changes(tx, n, current, scope)).filter((c) => scope === 'all' || c.tableName !== 'tenants');
      await restoreRows(tx, changes);
      const tenantId = scope === 'all' ? null : (scope[0] ?? null);
      if (tenantId !== null) await assertNoCrossTenantClash(tx, tenantId, changes);
      // what the rollback does: each row from its current state back to revision n's
      const items = changes.map((c) => itemOf({ ...c, before: c.after, after: c.before }));
      const result: RollbackResult = { revision, rolledBackTo: n, tenant: tenantId, changes: items };
      return {
        result,
        // restored rows of any kind (and names other items resolve): rebuild every item's digest, send what differs
        scope: 'all',
        audit: { tenantId, action: 'rollback', resourceType: 'config', resourceId: String(n), after: { rolledBackTo: n, changes: items } },
      };
    });
  }

  private header(r: RevisionRow): Pick<RevisionSummary, 'revision' | 'createdAt' | 'actor'> {
    return { revision: r.revision, createdAt: r.created_at.toISOString(), actor: r.actor };
  }

  /** The row changes of revisions (lo, hi] in the scope, in the order they happened. */
  private changes(db: Db | Tx, lo: number, hi: number, scope: TenantScope): Promise<RowChange[]> {
    const tenants = tenantFilter(scope);
    return db.$queryRaw<RowChange[]>`
      SELECT revision, table_name AS "tableName", row_key AS "rowKey", tenant_id::text AS "tenantId", old_row AS "oldRow", new_row AS "newRow"
      FROM config_row_changes
      WHERE revision > ${lo} AND revision <= ${hi} AND (${tenants}::uuid[] IS NULL OR tenant_id = ANY(${tenants}::uuid[]))
      ORDER BY seq`;
  }

  /**
   * The current revision and the oldest one whose state can be rebuilt: every revision after it must be kept
   * with its row changes (AYA_CONFIG_HISTORY_REVISIONS; revisions from before config history have none).
   */
  private async reach(db: Db | Tx): Promise<{ current: number; floor: number }> {
    const [row] = await db.$queryRaw<Array<{ current: number; floor: number | null }>>`
      SELECT (SELECT max(revision) FROM config_revisions) AS current,
             (SELECT min(revision) - 1 FROM config_revisions r WHERE r.row_history
                AND NOT EXISTS (SELECT 1 FROM config_revisions o WHERE o.revision > r.revision AND NOT o.row_history)) AS floor`;
    const current = row?.current ?? 0;
    return { current, floor: row?.floor ?? current };
  }
}
