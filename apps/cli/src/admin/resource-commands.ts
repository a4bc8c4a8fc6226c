import { Option, type Command } from 'commander';
import type { Page } from '@aya/config-schema';
import { createBody, updateBody, type BodyOptions, type Row } from './body';
import type { AdminClient } from './client';
import { clientFor, withConnection, type ConnectionOptions } from './connection';
import { printItem, printList } from './output';
import { collectionPath, itemPath, type ResourceSpec, type Scope } from './resources';

/** The API's largest page: a list follows `next` until the end. */
const PAGE_LIMIT = 500;

type Options = ConnectionOptions & BodyOptions & { consumer?: string } & Record<string, unknown>;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `aya <resource> list|get|create|update|delete`, the same five verbs for every entry of RESOURCE_SPECS. */
export function addResourceCommands(program: Command, spec: ResourceSpec): void {
  const group = program.command(spec.command).description(`${spec.command}: list, get, create, update, delete`);
  const verb = (name: string, description: string): Command => {
    const cmd = withConnection(group.command(name).description(description), { tenant: spec.inTenant });
    if (spec.underConsumer) cmd.requiredOption('--consumer <consumer>', 'consumer username or id');
    return cmd;
  };
  const scopeOf = (opts: Options): Scope => ({ tenant: opts.tenant, consumer: opts.consumer });

  verb('list', `list ${spec.command} (every page)`).action(async (opts: Options) => {
    const rows = await listAll(clientFor(opts), collectionPath(spec, scopeOf(opts)));
    printList(rows, spec.columns, opts.output);
  });

  verb('get', `show one ${spec.singular}`)
    .argument('<id>', idHelp(spec))
    .action(async (id: string, opts: Options) => {
      printItem(await clientFor(opts).request<Row>('GET', itemPath(spec, scopeOf(opts), id)), opts.output);
    });

  const create = withBodyOptions(verb('create', `create a ${spec.singular}`), spec, 'create');
  if (spec.createArg) create.argument(`[${spec.createArg.name}]`, `sets the body's ${spec.createArg.field}`);
  create.action(async (...args: unknown[]) => {
    const [arg, opts] = spec.createArg ? [args[0] as string | undefined, args[1] as Options] : [undefined, args[0] as Options];
    const fields = flagFields(spec, opts, 'create');
    if (spec.createArg && arg !== undefined) fields[spec.createArg.field] = arg;
    const created = await clientFor(opts).request<Row>('POST', collectionPath(spec, scopeOf(opts)), await createBody(opts, fields));
    printItem(created, opts.output);
    const once = spec.shownOnce?.(created) ?? [];
    if (once.length) {
      process.stderr.write(`note: the ${once.join(' and ')} above ${once.length > 1 ? 'are' : 'is'} shown only this once and cannot be read back: store it now\n`);
    }
  });

  withBodyOptions(verb('update', `change fields of a ${spec.singular} (PATCH: fields not given are kept)`), spec, 'update')
    .argument('<id>', idHelp(spec))
    .action(async (id: string, opts: Options) => {
      const client = clientFor(opts);
      const path = itemPath(spec, scopeOf(opts), id);
      const body = await updateBody(opts, () => client.request<Row>('GET', path), flagFields(spec, opts, 'update'));
      printItem(await client.request<Row>('PATCH', path, body), opts.output);
    });

  verb('delete', `delete a ${spec.singular}`)
    .argument('<id>', idHelp(spec))
    .action(async (id: string, opts: Options) => {
      await clientFor(opts).request('DELETE', itemPath(spec, scopeOf(opts), id));
      if (opts.output === 'table') process.stdout.write(`deleted ${spec.singular} ${id}\n`);
    });
}

function withBodyOptions(cmd: Command, spec: ResourceSpec, verb: 'create' | 'update'): Command {
  cmd
    .option('-f, --file <file>', 'request body from a .json or .yaml file, - = stdin')
    .option('--set <path=value>', 'set a body field (repeatable): a.b[0].c=5; the value is JSON when it parses, else text', collect)
    .option('--set-file <path=file>', "set a body field to a file's text (repeatable): cert=site.pem", collect);
  if (spec.configAssignments) cmd.option('-c, --config <path=value>', 'set a field inside config (repeatable): limits[0].limit=5', collect);
  for (const flag of spec.flags ?? []) {
    if (verb === 'create' || flag.onUpdate) cmd.addOption(new Option(flag.flags, flag.description));
  }
  return cmd;
}

/** The body fields the command's own flags name (`--route r1` -> route). */
function flagFields(spec: ResourceSpec, opts: Options, verb: 'create' | 'update'): Row {
  const fields: Row = {};
  for (const flag of spec.flags ?? []) {
    if (verb === 'update' && !flag.onUpdate) continue;
    const value = opts[new Option(flag.flags).attributeName()];
    if (value !== undefined) fields[flag.field] = value;
  }
  return fields;
}

async function listAll(client: AdminClient, path: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const query = `?limit=${PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Page<Row> = await client.request<Page<Row>>('GET', `${path}${query}`);
    rows.push(...page.data);
    cursor = page.next;
  } while (cursor);
  return rows;
}

const idHelp = (spec: ResourceSpec): string => (spec.key ? `id or ${spec.key}` : 'id');
