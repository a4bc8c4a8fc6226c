import pg from 'pg';

/** Every row of every table (as JSON text, sorted), per table: what a request may or may not have changed. */
export type DbSnapshot = Map<string, string[]>;

export interface TableDiff {
  table: string;
  added: string[];
  removed: string[];
}

export class DbSnapshots {
  private constructor(
    private readonly client: pg.Client,
    private readonly tables: string[],
  ) {}

  static async connect(databaseUrl: string): Promise<DbSnapshots> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const res = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
    );
    return new DbSnapshots(
      client,
      res.rows.map((r) => r.table_name),
    );
  }

  async take(): Promise<DbSnapshot> {
    const snapshot: DbSnapshot = new Map();
    for (const table of this.tables) {
      const res = await this.client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
      snapshot.set(table, res.rows.map((r) => r.row).sort());
    }
    return snapshot;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Rows added and removed per table (a changed row is one of each); tables without changes are left out. */
export function diffSnapshots(before: DbSnapshot, after: DbSnapshot): TableDiff[] {
  const diffs: TableDiff[] = [];
  for (const [table, rows] of after) {
    const old = before.get(table) ?? [];
    const count = new Map<string, number>();
    for (const r of old) count.set(r, (count.get(r) ?? 0) + 1);
    const added: string[] = [];
    for (const r of rows) {
      const n = count.get(r) ?? 0;
      if (n > 0) count.set(r, n - 1);
      else added.push(r);
    }
    const removed = [...count.entries()].flatMap(([r, n]) => Array<string>(n).fill(r));
    if (added.length > 0 || removed.length > 0) diffs.push({ table, added, removed });
  }
  return diffs;
}
