import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson, snapshotSchema, type RevisionNotice } from '@aya/config-schema';
import { unsealSnapshot } from '../certificates/sealed-snapshot';
import { SecretBox } from '../certificates/secret-box';
import { PRISMA, type Db } from '../db/prisma';

/** A stored canonical snapshot without certificates starts so ("certificates" would sort first). */
const CANONICAL_WITHOUT_CERTIFICATES = '{"revision":';

@Injectable()
export class ConfigReader {
  /** the last response body served: a stored revision never changes, so its body is reused until the next one */
  private cached: { revision: number; body: string } | undefined;

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

  /**
   * The current stored snapshot when it is newer than `after` (any, when `after` is undefined), as the exact text
   * of the ConfigResponse: canonicalJson of `{hash, revision, snapshot}`, so a gateway can hash the snapshot's
   * bytes as received instead of re-serialising it (see the gateway's verify.ts).
   */
  async newerThan(after: number | undefined): Promise<string | undefined> {
    const state = await this.prisma.configState.findUnique({ where: { id: 1 } });
    const revision = state?.revision ?? 0;
    if (after !== undefined && revision <= after) return undefined;
    if (this.cached?.revision === revision) return this.cached.body;
    const row = await this.prisma.configRevision.findUnique({ where: { revision }, select: { hash: true, snapshotText: true } });
    if (!row) return undefined;
    const body = `{"hash":${JSON.stringify(row.hash)},"revision":${revision},"snapshot":${this.servedSnapshot(row.snapshotText)}}`;
    this.cached = { revision, body };
    return body;
  }

  /**
   * Verbatim when the stored text is canonical and holds no certificates; otherwise (sealed keys to open, or a row
   * stored as jsonb text before the column became canonical text) parsed, unsealed and serialised canonically.
   */
  private servedSnapshot(text: string): string {
    if (text.startsWith(CANONICAL_WITHOUT_CERTIFICATES)) return text;
    return canonicalJson(unsealSnapshot(snapshotSchema.parse(JSON.parse(text)), this.box));
  }
}
