import type { ConfigApplyChange, ConfigApplyResult } from '@aya/config-schema';
import type { Command } from 'commander';
import YAML from 'yaml';
import { readBodyFile } from '../admin/body';
import { clientFor, withConnection, type ConnectionOptions } from '../admin/connection';
import { printData } from '../admin/output';
import { queryString } from '../admin/paging';
import { addHistoryCommands } from './history';

type ApplyFlags = ConnectionOptions & { dryRun?: boolean; prune?: boolean };

const configPath = (opts: ConnectionOptions) => `/api/v1/tenants/${encodeURIComponent(opts.tenant)}/config`;
const SIGN: Record<ConfigApplyChange['action'], string> = { create: '+', update: '~', delete: '-' };

/** The changes as a person reads them: `+ route orders`, one line each, then a count. */
function printChanges(result: ConfigApplyResult, verb: string): void {
  const lines = result.changes.map((c) => `${SIGN[c.action]} ${c.kind} ${c.name}`);
  const n = result.changes.length;
  const summary = n === 0 ? 'no changes' : `${n} change${n === 1 ? '' : 's'} ${verb}`;
  const at = result.dryRun ? '' : n === 0 ? ` (revision ${result.revision} unchanged)` : ` at revision ${result.revision}`;
  process.stdout.write(`${[...lines, `${summary}${at}`].join('\n')}\n`);
}

async function applyFile(file: string, opts: ApplyFlags, dryRun: boolean): Promise<ConfigApplyResult> {
  // YAML or JSON (a YAML parser reads both); a syntax error is the file's, named here with its line
  const document = await readBodyFile(file);
  const qs = queryString({ dryRun: dryRun ? 'true' : undefined, prune: opts.prune ? 'true' : undefined });
  return clientFor(opts).request<ConfigApplyResult>('POST', `${configPath(opts)}/apply${qs}`, document);
}

/**
 * `aya config dump|diff|apply`: a tenant's whole configuration as one YAML (or JSON) file, objects named by name,
 * applied atomically by the control plane (POST /api/v1/tenants/{t}/config/apply). `diff` is the apply's dry run.
 */
export function addConfigCommands(program: Command): void {
  const config = program
    .command('config')
    .description("the tenant's whole configuration as one file (dump, diff, apply) and its history (history, revision, diff-revisions, rollback)");

  withConnection(config.command('dump').description('print the configuration (YAML unless -o json); `aya config dump > aya.yaml`'), { tenant: true }).action(
    async (opts: ConnectionOptions) => {
      const doc = await clientFor(opts).request<unknown>('GET', configPath(opts));
      // the document's own key order is kept: dumps diff cleanly
      if (opts.output === 'json') printData(doc, 'json');
      else process.stdout.write(YAML.stringify(doc, { lineWidth: 0 }));
    },
  );

  withConnection(config.command('diff').argument('<file>', 'YAML or JSON file, - for stdin').description('what `apply` would change (nothing is written)'), { tenant: true })
    .option('--prune', 'also list the objects the file does not name, which `apply --prune` deletes')
    .action(async (file: string, opts: ApplyFlags) => {
      const result = await applyFile(file, opts, true);
      if (opts.output === 'table') printChanges(result, 'to apply');
      else printData(result, opts.output);
    });

  withConnection(config.command('apply').argument('<file>', 'YAML or JSON file, - for stdin').description('make the tenant\'s configuration what the file says, in one revision'), {
    tenant: true,
  })
    .option('--dry-run', 'check and list the changes, write nothing')
    .option('--prune', 'also delete the objects the file does not name')
    .action(async (file: string, opts: ApplyFlags) => {
      const result = await applyFile(file, opts, opts.dryRun === true);
      if (opts.output === 'table') printChanges(result, opts.dryRun ? 'to apply (dry run)' : 'applied');
      else printData(result, opts.output);
    });

  addHistoryCommands(config);
}
