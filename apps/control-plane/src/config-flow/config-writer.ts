import { Inject, Injectable } from '@nestjs/common';
import { CONFIG_KINDS, INLINE_CHANGES_MAX_BYTES, PG_NOTIFY_MAX_BYTES, type ConfigChange, type RevisionNotice } from '@aya/config-schema';
import { ConfigDigest } from '@aya/config-schema/hash';
import { auditRow, type AuditEntry } from '../audit/audit-row';
import type { Principal } from '../auth/permissions';
import { SecretBox } from '../certificates/secret-box';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import { PG_CONFIG_CHANNEL } from './pg-listener';
import { RedisPublisher } from './redis-publisher';
import { syncConfigItems, type SyncScope } from './config-index';

/**
 * The fewest past revisions kept with their changes (a gateway further behind pulls the whole snapshot); the
 * maintenance job keeps AYA_CONFIG_HISTORY_REVISIONS of them (config history and rollback reach that far).
 */
export const KEEP_REVISIONS = 100;

/** A config write's transaction bound (a write holds the config lock: every other writer waits for it). */
export const WRITE_TIMEOUT_MS = 30_000;

export interface WriteOutcome<T> {
  result: T;
  /** one audit row per entry (a write of several resources, such as an apply, names each) */
  audit: AuditEntry | AuditEntry[];
  /**
   * The config items the write may have changed (see syncConfigItems); registry resources derive it from their
   * definition (resources/resource-service.ts). Absent: the audited row's own item, when its type is a config kind.
   */
  scope?: SyncScope;
}

/** Kinds never inlined: certificate keys, consumers and their credentials (hashed or sealed) stay off Redis and pg_notify. */
const NEVER_INLINE: ReadonlySet<ConfigChange['kind']> = new Set(['certificate', 'consumer', 'credential']);

/**
 * The notice as published: with the revision's changes inline when they are small and hold none of
 * NEVER_INLINE, so a gateway one revision behind needs no pull.
 * pg_notify (which feeds the SSE streams) takes less than 8000 bytes, Redis much more.
 */
export function inlineNotices(notice: RevisionNotice, changes: ConfigChange[], changesText: string): { pg: string; redis: RevisionNotice } {
  const plain = JSON.stringify(notice);
  if (changes.length === 0 || changes.some((c) => NEVER_INLINE.has(c.kind)) || changesText.length > INLINE_CHANGES_MAX_BYTES) {
    return { pg: plain, redis: notice };
  }
  const withChanges = `${plain.slice(0, -1)},"changes":${changesText}}`;
  return { pg: Buffer.byteLength(withChanges) <= PG_NOTIFY_MAX_BYTES ? withChanges : plain, redis: { ...notice, changes } };
}

function ownItems(audit: AuditEntry[]): SyncScope {
  return audit.flatMap((a) => {
    const kind = CONFIG_KINDS.find((k) => k === a.resourceType);
    return kind ? [{ kind, id: a.resourceId }] : [];
  });
}

/**
 * One statement for any number of audit rows: Prisma's createMany costs milliseconds per row in its query
 * compiler, and a declarative apply of 10,000 routes writes 10,000 rows. created_at stays the column's default.
 */
async function insertAuditRows(tx: Tx, rows: Prisma.AuditEventUncheckedCreateInput[]): Promise<void> {
  // the rows as JSON, read back by their field names (absent = NULL)
  await tx.$executeRaw`
    INSERT INTO audit_events (tenant_id, actor_kind, actor_id, actor_name, address, action, resource_type, resource_id, resource_name, revision, before, after)
    SELECT x."tenantId", x."actorKind", x."actorId", x."actorName", x.address, x.action, x."resourceType", x."resourceId", x."resourceName", x.revision, x.before, x.after
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("tenantId" uuid, "actorKind" text, "actorId" text, "actorName" text, address text, action text,
         "resourceType" text, "resourceId" text, "resourceName" text, revision int, before jsonb, after jsonb)`;
}

/**
 * The one way to change config: the write, the revision bump, the audit row, the changed items and the new
 * hash commit together or not at all. A write costs what it changes (the items its scope names), not the
 * size of the config: gateways get the revision's changes as a delta.
 */
@Injectable()
export class ConfigWriter {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly redis: RedisPublisher,
    private readonly box: SecretBox,
  ) {}

  /** `timeoutMs`: the transaction's bound when 30 s is too little (a large declarative apply: declarative/apply-limits.ts). */
  async write<T>(actor: Principal, fn: (tx: Tx) => Promise<WriteOutcome<T>>, { timeoutMs = WRITE_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<T> {
    return this.commit(
      actor.username,
      async (tx, revision) => {
        const outcome = await fn(tx);
        const entries = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
        // who (kind, id, name, address), what and the before/after views: audit/audit-row.ts
        await insertAuditRows(tx, entries.map((entry) => auditRow(actor, entry, revision)));
        return { result: outcome.result, scope: outcome.scope ?? ownItems(entries) };
      },
      timeoutMs,
    );
  }

  /**
   * Rebuilds every item digest and the hash when they were never computed (a database from before config
   * deltas: the migration leaves config_state.hash empty). A new revision, so running gateways pull it.
   */
  async ensureSynced(): Promise<boolean> {
    const state = await this.prisma.configState.findUnique({ where: { id: 1 }, select: { hash: true } });
    if (state?.hash !== '') return false;
    await this.commit(null, () => Promise.resolve({ result: undefined, scope: 'all' as const }));
    return true;
  }

  private async commit<T>(actor: string | null, fn: (tx: Tx, revision: number) => Promise<{ result: T; scope: SyncScope }>, timeoutMs = WRITE_TIMEOUT_MS): Promise<T> {
    const { result, notice } = await this.prisma.$transaction(
      async (tx) => {
        // Bumping first takes the config_state row lock before any check runs, so writers are serialized:
        // name/collision checks cannot race, revisions are gap-free and each sees all earlier writes.
        const bumped = await tx.$queryRaw<Array<{ revision: number; digest: string; hash: string }>>`
          UPDATE config_state SET revision = revision + 1 WHERE id = 1 RETURNING revision, digest, hash`;
        const state = bumped[0];
        if (state === undefined) throw new Error('config_state row is missing');
        const { revision } = state;
        const out = await fn(tx, revision);
        // never synced yet: every item, whatever the write (see ensureSynced)
        const scope = state.hash === '' ? 'all' : out.scope;
        const { changes, digest } = await syncConfigItems(tx, this.box, scope, ConfigDigest.fromHex(state.digest));
        const notice: RevisionNotice = { revision, hash: digest.hash };
        const changesText = JSON.stringify(changes);
        const inline = inlineNotices(notice, changes, changesText);
        // one round trip: the new hash, this revision's changes and the notice, delivered on commit to every control
        // plane LISTENing (each pushes it to its SSE streams); old revisions are pruned by the maintenance job
        await tx.$queryRaw`
          WITH state AS (UPDATE config_state SET digest = ${digest.hex}, hash = ${notice.hash} WHERE id = 1),
               stored AS (INSERT INTO config_revisions (revision, hash, changes_text, actor) VALUES (${revision}, ${notice.hash}, ${changesText}, ${actor}))
          SELECT pg_notify(${PG_CONFIG_CHANNEL}, ${inline.pg})::text AS notified`;
        return { result: out.result, notice: inline.redis };
      },
      { maxWait: 10_000, timeout: timeoutMs },
    );
    await this.redis.publish(notice);
    return result;
  }
}
