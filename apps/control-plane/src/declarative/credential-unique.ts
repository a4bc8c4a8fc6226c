import { ConflictError } from '../common/errors';
import { columnsOf, type CredentialColumns } from './credential-columns';
import type { CredentialPlan, CurrentCredential } from './credential-entries';
import { UNIQUE_CREDENTIAL_COLUMNS } from '../consumers/credential-unique-columns';

/** No created or updated credential may take a unique value another credential of the tenant keeps (or another of the document takes). */
export function assertUnique(plan: CredentialPlan, current: readonly CurrentCredential[]): void {
  const leaving = new Set([...plan.deletes, ...plan.updates.map((u) => u.current)].map((c) => c.row.id));
  const taken = new Map<string, string>();
  const take = (columns: CredentialColumns, owner: string, path?: string) => {
    for (const [column, message] of UNIQUE_CREDENTIAL_COLUMNS) {
      const value = columns[column];
      if (value === null) continue;
      const slot = `${column}:${value}`;
      const holder = taken.get(slot);
      if (holder !== undefined && path !== undefined) throw new ConflictError(`${path}: ${message}`, [{ path, message: holder === '' ? message : `${message} (${holder})` }]);
      taken.set(slot, owner);
    }
  };
  for (const c of current) if (!leaving.has(c.row.id)) take(columnsOf(c.row), '');
  for (const w of [...plan.updates.map((u) => u.write), ...plan.creates]) take(w.columns, w.path, w.path);
}
