import { Inject, Injectable } from '@nestjs/common';
import { snapshotSchema, type ConfigResponse, type RevisionNotice } from '@aya/config-schema';
import { unsealSnapshot } from '../certificates/sealed-snapshot';
import { SecretBox } from '../certificates/secret-box';
import { PRISMA, type Db } from '../db/prisma';

@Injectable()
export class ConfigReader {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly box: SecretBox,
  ) {}

  async current(): Promise<RevisionNotice> {
    const state = await this.prisma.configState.findUnique({ where: { id: 1 } });
    const revision = state?.revision ?? 0;
    const row = await this.prisma.configRevision.findUnique({ where: { revision }, select: { hash: true } });
    return { revision, hash: row?.hash ?? '' };
  }

  /** The current stored snapshot when it is newer than `after` (any, when `after` is undefined). */
  async newerThan(after: number | undefined): Promise<ConfigResponse | undefined> {
    const state = await this.prisma.configState.findUnique({ where: { id: 1 } });
    const revision = state?.revision ?? 0;
    if (after !== undefined && revision <= after) return undefined;
    const row = await this.prisma.configRevision.findUnique({ where: { revision } });
    if (!row) return undefined;
    return { revision: row.revision, hash: row.hash, snapshot: unsealSnapshot(snapshotSchema.parse(row.snapshot), this.box) };
  }
}
