import type { ConfigDiff, RevisionDetail, RevisionSummary, RollbackResult } from '@aya/config-schema';
import { InvalidArgumentError, type Command } from 'commander';
import type { Row } from '../admin/body';
import type { AdminClient } from '../admin/client';
import { assertCanAsk, confirmOrCancel } from '../admin/confirm';
import { clientFor, withConnection, type ConnectionOptions } from '../admin/connection';
import { printData, printList, type Column } from '../admin/output';
import { fetchPages, listNote, queryString, withPaging, type PagingOptions } from '../admin/paging';
import { changesCell, diffLines, itemLine } from './history-format';

/** The revisions list's page bounds (apps/control-plane/src/history/history-query.ts). */
const HISTORY_MAX_LIMIT = 200;
const HISTORY_DEFAULT_LIMIT = 50;

type ReadOptions = ConnectionOptions & { allTenants?: boolean };

function revisionNumber(value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new InvalidArgumentError('a revision number (aya config history lists them)');
  return Number(value);
}

/** `?tenant=<t>` unless `--all-tenants` (a superadmin's whole platform, or every tenant a member may read). */
const tenantParam = (opts: ReadOptions): Record<string, string | undefined> => ({ tenant: opts.allTenants ? undefined : opts.tenant });

const write = (lines: string[]): void => {
  process.stdout.write(`${lines.join('\n')}\n`);
};

const withAllTenants = (cmd: Command): Command => cmd.option('--all-tenants', 'every tenant you may read, not only --tenant');

/** The newest revision with a change in the tenant (or anywhere): the tenant's config as it is now. */
async function latestRevision(client: AdminClient, opts: ReadOptions): Promise<number | undefined> {
  const page = await client.request<{ data: RevisionSummary[] }>('GET', `/api/v1/config/revisions${queryString({ ...tenantParam(opts), limit: 1 })}`);
  return page.data[0]?.revision;
}

const summary = (row: Row) => row as unknown as RevisionSummary;

const COLUMNS: Column[] = [
  { header: 'REVISION', value: (row) => summary(row).revision },
  { header: 'WHEN', value: (row) => summary(row).createdAt },
  { header: 'ACTOR', value: (row) => summary(row).actor ?? '(control plane)' },
  { header: 'CHANGES', value: (row) => changesCell(summary(row)) },
];

/**
 * `aya config history|revision|diff-revisions|rollback`: the config history endpoints (`/api/v1/config/revisions`,
 * `/revisions/{n}`, `/diff`, `/revisions/{n}/rollback`), scoped to `--tenant` like the rest of `aya config`.
 */
export function addHistoryCommands(config: Command): void {
  const history = withAllTenants(withConnection(config.command('history').description('config revisions, newest first: when, who, what changed'), { tenant: true }));
  withPaging(history, { max: HISTORY_MAX_LIMIT, defaultLimit: HISTORY_DEFAULT_LIMIT }).action(async (opts: ReadOptions & PagingOptions) => {
    const fetched = await fetchPages(clientFor(opts), '/api/v1/config/revisions', tenantParam(opts), { ...opts, max: HISTORY_MAX_LIMIT });
    printList(fetched.rows, COLUMNS, opts.output);
    const note = listNote(fetched, 'revisions', opts.output === 'table');
    if (note) process.stderr.write(`${note}\n`);
  });

  withAllTenants(withConnection(config.command('revision').description('what one revision changed, field by field'), { tenant: true }))
    .argument('<n>', 'revision number', revisionNumber)
    .action(async (n: number, opts: ReadOptions) => {
      const detail = await clientFor(opts).request<RevisionDetail>('GET', `/api/v1/config/revisions/${n}${queryString(tenantParam(opts))}`);
      if (opts.output !== 'table') return printData(detail, opts.output);
      const count = `${detail.changeCount} change${detail.changeCount === 1 ? '' : 's'}`;
      write([`revision ${detail.revision} at ${detail.createdAt} by ${detail.actor ?? '(control plane)'}: ${count}`, ...diffLines(detail.changes)]);
    });

  withAllTenants(withConnection(config.command('diff-revisions').description('how the config differs between two revisions (from -> to)'), { tenant: true }))
    .requiredOption('--from <n>', 'the older state', revisionNumber)
    .option('--to <n>', 'the newer state (default: the current config)', revisionNumber)
    .action(async (opts: ReadOptions & { from: number; to?: number }) => {
      const client = clientFor(opts);
      const to = opts.to ?? (await latestRevision(client, opts)) ?? opts.from;
      const diff = await client.request<ConfigDiff>('GET', `/api/v1/config/diff${queryString({ from: opts.from, to, ...tenantParam(opts) })}`);
      if (opts.output !== 'table') return printData(diff, opts.output);
      const n = diff.changes.length;
      write([...diffLines(diff.changes), n === 0 ? `no changes from revision ${diff.from} to ${diff.to}` : `${n} change${n === 1 ? '' : 's'} from revision ${diff.from} to ${diff.to}`]);
    });

  withConnection(config.command('rollback').description("put the tenant's config back as it was at a revision (a new revision; audited)"), { tenant: true })
    .argument('<n>', 'the revision to go back to', revisionNumber)
    .option('-y, --yes', 'do not ask (needed when stdin is not a terminal)')
    .action(async (n: number, opts: ConnectionOptions & { yes?: boolean }) => {
      const client = clientFor(opts);
      if (!opts.yes) {
        assertCanAsk('--yes');
        // what the rollback will do: the current config (the tenant's newest revision) against revision n's
        const current = await latestRevision(client, opts);
        const preview = current === undefined ? undefined : await client.request<ConfigDiff>('GET', `/api/v1/config/diff${queryString({ from: current, to: n, tenant: opts.tenant })}`);
        if (preview && preview.changes.length === 0) {
          process.stderr.write(`nothing to roll back: tenant ${opts.tenant} is as it was at revision ${n}\n`);
          return;
        }
        if (preview) process.stderr.write(`${diffLines(preview.changes).join('\n')}\n`);
        await confirmOrCancel(`Roll back tenant ${opts.tenant} to revision ${n}${preview ? ` (${preview.changes.length} changes)` : ''}?`);
      }
      const result = await client.request<RollbackResult>('POST', `/api/v1/config/revisions/${n}/rollback${queryString({ tenant: opts.tenant })}`);
      if (opts.output !== 'table') return printData(result, opts.output);
      write([...result.changes.map(itemLine), `rolled back to revision ${result.rolledBackTo}: now revision ${result.revision}`]);
    });
}
