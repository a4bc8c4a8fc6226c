import type { AuditChange, AuditLogEntry } from '@aya/config-schema';
import type { Command } from 'commander';
import type { Row } from '../admin/body';
import { clientFor, withConnection, type ConnectionOptions } from '../admin/connection';
import { printList, type Column } from '../admin/output';
import { fetchPages, listNote, withPaging, type PagingOptions } from '../admin/paging';
import { parseInstant } from '../admin/since';
import { TIMESTAMP_FIELDS } from './history-format';

/** The audit readers' page bounds (apps/control-plane/src/audit/audit-query.ts). */
const AUDIT_MAX_LIMIT = 200;
const AUDIT_DEFAULT_LIMIT = 50;

type AuditOptions = ConnectionOptions &
  PagingOptions & { allTenants?: boolean; resource?: string; resourceId?: string; actor?: string; action?: string; since?: string; until?: string };

const entry = (row: Row) => row as unknown as AuditLogEntry;

/** The changed fields as the API's error details write a path (`targets.0.weight`), timestamps left out. */
const changedPaths = (changes: AuditChange[]): string[] =>
  changes.filter((c) => !TIMESTAMP_FIELDS.has(String(c.path[0]))).map((c) => (c.path.length ? c.path.join('.') : '(all)'));

const COLUMNS: Column[] = [
  { header: 'WHEN', value: (row) => entry(row).createdAt },
  { header: 'ACTOR', value: (row) => `${entry(row).actor.name} (${entry(row).actor.kind})` },
  { header: 'ACTION', value: (row) => entry(row).action },
  { header: 'RESOURCE', value: (row) => `${entry(row).resource.type} ${entry(row).resource.name ?? entry(row).resource.id}` },
  { header: 'REVISION', value: (row) => entry(row).revision },
  { header: 'ADDRESS', value: (row) => entry(row).address },
  { header: 'CHANGED', value: (row) => changedPaths(entry(row).changes) },
];

/**
 * `aya audit`: who changed what, newest first (`GET /api/v1/tenants/{t}/audit`, or across every tenant the caller
 * may read with `--all-tenants`: `GET /api/v1/audit`). Filters are the API's own; `--since 1h` becomes an ISO time.
 */
export function addAuditCommand(program: Command): void {
  const cmd = withConnection(program.command('audit').description('the audit log: who changed what and when, newest first'), { tenant: true })
    .option('--all-tenants', 'every tenant you may read the audit of (a superadmin: all, deleted tenants too), not only --tenant')
    .option('--resource <type>', 'only this resource type: route, service, upstream, plugin, consumer, member, token, ...')
    .option('--resource-id <id>', 'only this resource (its id)')
    .option('--actor <name>', "only this actor: a username, a token's name, or an id")
    .option('--action <action>', 'only this action: create, update, delete, rollback, apply, ...')
    .option('--since <time>', 'entries at or after: an age (30m, 1h, 7d) or an ISO 8601 time', (v: string) => parseInstant(v))
    .option('--until <time>', 'entries before: an age or an ISO 8601 time', (v: string) => parseInstant(v));
  withPaging(cmd, { max: AUDIT_MAX_LIMIT, defaultLimit: AUDIT_DEFAULT_LIMIT }).action(async (opts: AuditOptions) => {
    const path = opts.allTenants ? '/api/v1/audit' : `/api/v1/tenants/${encodeURIComponent(opts.tenant)}/audit`;
    const params = { resource: opts.resource, resourceId: opts.resourceId, actor: opts.actor, action: opts.action, since: opts.since, until: opts.until };
    const fetched = await fetchPages(clientFor(opts), path, params, { ...opts, max: AUDIT_MAX_LIMIT });
    const columns = opts.allTenants ? [COLUMNS[0], { header: 'TENANT', value: (row: Row) => entry(row).tenantId }, ...COLUMNS.slice(1)] : COLUMNS;
    printList(fetched.rows, columns, opts.output);
    const note = listNote(fetched, 'audit entries', opts.output === 'table');
    if (note) process.stderr.write(`${note}\n`);
  });
}
