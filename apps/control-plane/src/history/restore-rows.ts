import { Prisma } from '../generated/prisma/client';
import { ConflictError } from '../common/errors';
import type { Tx } from '../db/prisma';
import { historyTable } from './history-tables';
import type { NetChange, StoredRow } from './row-history';

const ident = (name: string): Prisma.Sql => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
const list = (names: readonly string[]): Prisma.Sql => Prisma.join(names.map(ident));

async function columnsOf(tx: Tx, table: string): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ column_name: string }>>`
    SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`;
  return rows.map((r) => r.column_name);
}

/** Removes rows that did not exist at the target revision (`keys` of one table). */
async function deleteRows(tx: Tx, table: string, rows: StoredRow[]): Promise<void> {
  const key = historyTable(table).key;
  await tx.$executeRaw`
    DELETE FROM ${ident(table)} WHERE (${list(key)}) IN (SELECT ${list(key)} FROM jsonb_populate_recordset(NULL::${ident(table)}, ${JSON.stringify(rows)}::jsonb))`;
}

/**
 * Puts rows back as they were (every stored column), inserting the missing ones. `updated_at` becomes now: the row
 * did change now, and its ETag must differ from the one it had before the rolled-back change.
 */
async function putRows(tx: Tx, table: string, rows: StoredRow[]): Promise<void> {
  const tableColumns = await columnsOf(tx, table);
  const key = historyTable(table).key;
  const values = tableColumns.includes('updated_at') ? rows.map((r) => ({ ...r, updated_at: new Date().toISOString() })) : rows;
  // a column a later migration added is in no stored row: inserts give it its default, updates keep its value
  const columns = tableColumns.filter((c) => values.every((r) => c in r));
  const rest = columns.filter((c) => !key.includes(c));
  const onConflict =
    rest.length === 0
      ? Prisma.sql`DO NOTHING`
      : Prisma.sql`DO UPDATE SET (${list(rest)}) = ROW(${Prisma.join(rest.map((c) => Prisma.sql`EXCLUDED.${ident(c)}`))})`;
  await tx.$executeRaw`
    INSERT INTO ${ident(table)} (${list(columns)})
    SELECT ${list(columns)} FROM jsonb_populate_recordset(NULL::${ident(table)}, ${JSON.stringify(values)}::jsonb)
    ON CONFLICT (${list(key)}) ${onConflict}`;
}

/** A unique or foreign-key violation of the restore, as Postgres reports it through Prisma. */
function isConstraintViolation(err: unknown): boolean {
  const text = err instanceof Error ? `${err.message} ${JSON.stringify((err as { meta?: unknown }).meta ?? {})}` : '';
  const code = (err as { code?: unknown }).code;
  return code === 'P2002' || code === 'P2003' || /\b(23505|23503)\b|unique constraint|foreign key constraint/i.test(text);
}

/**
 * Brings every row `changes` names back to its `before` state: rows that did not exist then are deleted
 * (children first), the others restored (parents first), one statement per table and direction.
 */
export async function restoreRows(tx: Tx, changes: readonly NetChange[]): Promise<void> {
  const group = (want: (c: NetChange) => boolean, rowOf: (c: NetChange) => StoredRow) => {
    const byTable = new Map<string, StoredRow[]>();
    for (const c of changes.filter(want)) byTable.set(c.tableName, [...(byTable.get(c.tableName) ?? []), rowOf(c)]);
    return [...byTable.entries()];
  };
  try {
    // changes are ordered parents first: delete in reverse
    for (const [table, rows] of group((c) => c.before === null, (c) => c.after as StoredRow).reverse()) await deleteRows(tx, table, rows);
    for (const [table, rows] of group((c) => c.before !== null, (c) => c.before as StoredRow)) await putRows(tx, table, rows);
  } catch (err) {
    if (isConstraintViolation(err)) {
      throw new ConflictError('the rollback conflicts with the current config (a name or key taken since, or a row still referenced): change that first');
    }
    throw err;
  }
}
