import { Inject, Injectable } from '@nestjs/common';
import type { RevisionNotice } from '@aya/config-schema';
import { canonicalJson } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/permissions';
import type { Prisma } from '../generated/prisma/client';
import { unsealSnapshot } from '../certificates/sealed-snapshot';
import { SecretBox } from '../certificates/secret-box';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { PG_CONFIG_CHANNEL } from './pg-listener';
import { RedisPublisher } from './redis-publisher';
import { buildSnapshot } from './snapshot-builder';
import { loadSnapshotRows } from './snapshot-loader';

/** How many past revisions stay stored (gateways only ever pull the current one). */
export const KEEP_REVISIONS = 100;

export interface AuditEntry {
  tenantId: string | null;
  action: 'create' | 'update' | 'delete';
  resourceType: 'tenant' | 'service' | 'route' | 'upstream' | 'certificate';
  resourceId: string;
  before?: unknown;
  after?: unknown;
}

export interface WriteOutcome<T> {
  result: T;
  audit: AuditEntry;
}

const asJson = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/**
 * The one way to change config: the write, the revision bump, the audit row and the new snapshot commit
 * together or not at all.
 */
@Injectable()
export class ConfigWriter {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly redis: RedisPublisher,
    private readonly box: SecretBox,
  ) {}

  async write<T>(actor: Principal, fn: (tx: Tx) => Promise<WriteOutcome<T>>): Promise<T> {
    const { result, notice } = await this.prisma.$transaction(
      async (tx) => {
        // Bumping first takes the config_state row lock before any check runs, so writers are serialized:
        // name/collision checks cannot race, revisions are gap-free and each snapshot sees all earlier writes.
        const bumped = await tx.$queryRaw<Array<{ revision: number }>>`
          UPDATE config_state SET revision = revision + 1 WHERE id = 1 RETURNING revision`;
        const revision = bumped[0]?.revision;
        if (revision === undefined) throw new Error('config_state row is missing');
        const outcome = await fn(tx);
        await tx.auditEvent.create({
          data: {
            tenantId: outcome.audit.tenantId,
            actor: actor.username,
            action: outcome.audit.action,
            resourceType: outcome.audit.resourceType,
            resourceId: outcome.audit.resourceId,
            revision,
            before: asJson(outcome.audit.before),
            after: asJson(outcome.audit.after),
          },
        });
        // stored with certificate keys sealed, as canonical text (served verbatim, see ConfigReader); the hash is
        // over what gateways receive (keys in clear), which is that same text when no key is sealed in it
        const snapshot = buildSnapshot(revision, await loadSnapshotRows(tx));
        const snapshotText = canonicalJson(snapshot);
        const unsealed = unsealSnapshot(snapshot, this.box);
        const hash = unsealed === snapshot ? createHash('sha256').update(snapshotText).digest('hex') : snapshotHash(unsealed);
        const notice: RevisionNotice = { revision, hash };
        await tx.$executeRaw`INSERT INTO config_revisions (revision, hash, snapshot_text) VALUES (${revision}, ${hash}, ${snapshotText})`;
        await tx.configRevision.deleteMany({ where: { revision: { lte: revision - KEEP_REVISIONS } } });
        // delivered on commit to every control plane LISTENing (each pushes it to its SSE streams)
        await tx.$executeRaw`SELECT pg_notify(${PG_CONFIG_CHANNEL}, ${JSON.stringify(notice)})`;
        return { result: outcome.result, notice };
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
    await this.redis.publish(notice);
    return result;
  }
}
