import { Inject, Injectable } from '@nestjs/common';
import { mergeChanges, type ConfigChange, type ConfigDelta, type RevisionNotice } from '@aya/config-schema';
import { Prisma } from '../generated/prisma/client';
import { unsealChanges, unsealSnapshot } from '../certificates/sealed-snapshot';
import { SecretBox } from '../certificates/secret-box';
import { PRISMA, type Db } from '../db/prisma';
import { loadSnapshot } from './snapshot-loader';

/** `after` is older than the oldest revision whose changes are kept: only the whole snapshot will do. */
export const DELTA_GONE = Symbol('delta-gone');

@Injectable()
export class ConfigReader {
  /** the whole-snapshot body of one revision, shared by every gateway that asks for it (built once) */
  private full: { revision: number; body: Promise<string> } | undefined;

  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly box: SecretBox,
  ) {}

  async current(): Promise<RevisionNotice> {
    const state = await this.prisma.configState.findUnique({ where: { id: 1 }, select: { revision: true, hash: true } });
    return { revision: state?.revision ?? 0, hash: state?.hash ?? '' };
  }

  /**
   * The whole snapshot of the current revision as a ConfigResponse text, when it is newer than `after` (any, when
   * `after` is undefined). Built from the rows (gateways normally take deltas; this is for new or far-behind ones).
   */
  async newerThan(after: number | undefined): Promise<string | undefined> {
    const { revision } = await this.current();
    if (after !== undefined && revision <= after) return undefined;
    if (this.full?.revision !== revision) {
      const body = this.buildFull();
      this.full = { revision, body };
      body.catch(() => {
        if (this.full?.body === body) this.full = undefined;
      });
    }
    return this.full.body;
  }

  /** One repeatable-read transaction: the revision, its hash and the rows are one consistent state. */
  private buildFull(): Promise<string> {
    return this.prisma.$transaction(
      async (tx) => {
        const [state] = await tx.$queryRaw<Array<{ revision: number; hash: string }>>`SELECT revision, hash FROM config_state WHERE id = 1`;
        if (!state) throw new Error('config_state row is missing');
        const snapshot = unsealSnapshot(await loadSnapshot(tx, this.box, state.revision), this.box);
        return JSON.stringify({ revision: state.revision, hash: state.hash, snapshot });
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 10_000, timeout: 30_000 },
    );
  }

  /**
   * The changes from revision `after` to the newest one, merged (one change per item). Undefined when nothing is
   * newer; DELTA_GONE when the changes right after `after` are no longer kept (see KEEP_REVISIONS).
   */
  async changesAfter(after: number): Promise<ConfigDelta | typeof DELTA_GONE | undefined> {
    const rows = await this.prisma.$queryRaw<Array<{ revision: number; hash: string; changes: string }>>`
      SELECT revision, hash, changes_text AS changes FROM config_revisions WHERE revision > ${after} ORDER BY revision`;
    const last = rows.at(-1);
    if (last === undefined) return undefined;
    if (rows.some((r, i) => r.revision !== after + 1 + i)) return DELTA_GONE;
    const changes = mergeChanges(rows.map((r) => JSON.parse(r.changes) as ConfigChange[]));
    return { from: after, revision: last.revision, hash: last.hash, changes: unsealChanges(changes, this.box) };
  }
}
