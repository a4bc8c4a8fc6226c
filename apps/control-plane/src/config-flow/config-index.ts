import { ConfigDigest, itemDigest } from '@aya/config-schema/hash';
import type { ConfigChange, ConfigItem, ConfigKind } from '@aya/config-schema';
import { unsealCertificate } from '../certificates/sealed-snapshot';
import type { SecretBox } from '../certificates/secret-box';
import type { Tx } from '../db/prisma';
import { loadItems, type RowIds } from './snapshot-loader';

export interface ItemKey {
  kind: ConfigKind;
  id: string;
}

/** What a write may have changed: some items, or everything (a tenant slug is in every item of the tenant). */
export type SyncScope = 'all' | ItemKey[];

export interface SyncResult {
  /** items put (certificate keys sealed) or deleted, in a stable order */
  changes: ConfigChange[];
  digest: ConfigDigest;
}

interface BuiltItem extends ItemKey {
  /** as stored and sent (certificate keys sealed) */
  item: ConfigItem;
  digest: string;
}

const keyOf = (k: ItemKey) => `${k.kind}/${k.id}`;
const hex = (d: bigint) => d.toString(16).padStart(64, '0');

/**
 * Brings config_items (one digest per item of the live config) up to date with the rows a write touched and
 * returns what changed: the revision's delta for gateways, and the new digest sum behind the config hash.
 * Cost follows the scope, not the size of the config; `all` rebuilds every item (first start, tenant renames).
 */
export async function syncConfigItems(tx: Tx, box: SecretBox, scope: SyncScope, before: ConfigDigest): Promise<SyncResult> {
  if (scope !== 'all' && scope.length === 0) return { changes: [], digest: before };
  const built = await build(tx, box, scope === 'all' ? undefined : scope);
  const stored = await storedDigests(tx, scope);
  const digest = scope === 'all' ? ConfigDigest.empty() : before.clone();
  const changes: ConfigChange[] = [];
  const puts: BuiltItem[] = [];
  for (const b of built) {
    const old = stored.get(keyOf(b));
    stored.delete(keyOf(b));
    if (scope === 'all') digest.add(BigInt(`0x${b.digest}`));
    if (old === b.digest) continue;
    if (scope !== 'all') {
      if (old !== undefined) digest.remove(BigInt(`0x${old}`));
      digest.add(BigInt(`0x${b.digest}`));
    }
    puts.push(b);
    changes.push({ kind: b.kind, id: b.id, item: b.item as unknown as Record<string, unknown> });
  }
  // left in `stored`: items whose rows are gone
  const deletes: ItemKey[] = [];
  for (const [key, old] of stored) {
    const [kind, id] = key.split('/') as [ConfigKind, string];
    if (scope !== 'all') digest.remove(BigInt(`0x${old}`));
    deletes.push({ kind, id });
    changes.push({ kind, id, item: null });
  }
  await writeDigests(tx, puts, deletes);
  return { changes, digest };
}

/** Every item, or those of `keys` (what one write changed), built by their resources' snapshot parts. */
async function build(tx: Tx, box: SecretBox, keys?: ItemKey[]): Promise<BuiltItem[]> {
  let ids: RowIds | undefined;
  if (keys) {
    ids = {};
    for (const k of keys) (ids[k.kind] ??= []).push(k.id);
  }
  return (await loadItems(tx, box, ids)).flatMap(([kind, items]) => items.map((item) => built(kind, item, box)));
}

/** The digest is over the item as gateways receive it: certificate keys in clear. */
function built(kind: ConfigKind, item: ConfigItem, box: SecretBox): BuiltItem {
  const clear = kind === 'certificate' ? unsealCertificate(item as Parameters<typeof unsealCertificate>[0], box) : item;
  return { kind, id: item.id, item, digest: hex(itemDigest(kind, clear)) };
}

async function storedDigests(tx: Tx, scope: SyncScope): Promise<Map<string, string>> {
  type Row = { kind: ConfigKind; id: string; digest: string };
  const rows =
    scope === 'all'
      ? await tx.$queryRaw<Row[]>`SELECT kind, id::text AS id, digest FROM config_items`
      : await tx.$queryRaw<Row[]>`
          SELECT kind, id::text AS id, digest FROM config_items
          WHERE (kind, id) IN (SELECT * FROM unnest(${scope.map((k) => k.kind)}::text[], ${scope.map((k) => k.id)}::uuid[]))`;
  return new Map(rows.map((r) => [keyOf(r), r.digest]));
}

async function writeDigests(tx: Tx, puts: BuiltItem[], deletes: ItemKey[]): Promise<void> {
  if (puts.length > 0) {
    await tx.$executeRaw`
      INSERT INTO config_items (kind, id, digest)
      SELECT * FROM unnest(${puts.map((p) => p.kind)}::text[], ${puts.map((p) => p.id)}::uuid[], ${puts.map((p) => p.digest)}::text[])
      ON CONFLICT (kind, id) DO UPDATE SET digest = EXCLUDED.digest`;
  }
  if (deletes.length > 0) {
    await tx.$executeRaw`
      DELETE FROM config_items
      WHERE (kind, id) IN (SELECT * FROM unnest(${deletes.map((d) => d.kind)}::text[], ${deletes.map((d) => d.id)}::uuid[]))`;
  }
}
