import { Option, type Command } from 'commander';
import type { Page } from '@aya/config-schema';
import { createBody, updateBody, type BodyOptions, type Row } from './body';
import type { AdminClient } from './client';
import { clientFor, withConnection, type ConnectionOptions } from './connection';
import { printItem, printList } from './output';
import { collectionPath, itemPath, type ResourceSpec, type Scope, type Verb } from './resources';

/** The API's largest page: a list follows `next` until the end. */
const PAGE_LIMIT = 500;

type Options = ConnectionOptions & BodyOptions & { consumer?: string } & Record<string, unknown>;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const ALL_VERBS: readonly Verb[] = ['list', 'get', 'create', 'update', 'delete'];

/** `aya <resource> list|get|create|update|delete` (those the API has) and its extra reads, for any RESOURCE_SPECS entry. */
export function addResourceCommands(program: Command, spec: ResourceSpec): void {
  const verbs = spec.verbs ?? ALL_VERBS;
  const reads = spec.reads ?? [];
  const group = program.command(spec.command).description(`${spec.command}: ${[...verbs, ...reads.map((r) => r.verb)].join(', ')}`);
  const verb = (name: string, description: string): Command => {
    const cmd = withConnection(group.command(name).description(description), { tenant: spec.inTenant });
    if (spec.underConsumer) cmd.requiredOption('--consumer <consumer>', 'consumer username or id');
    return cmd;
  };
  const scopeOf = (opts: Options): Scope => ({ tenant: opts.tenant, consumer: opts.consumer });

  if (verbs.includes('list')) {
    verb('list', `list ${spec.singular}s (every page)`).action(async (opts: Options) => {
      const rows = await listAll(clientFor(opts), collectionPath(spec, scopeOf(opts)));
      printList(rows, spec.columns, opts.output);
    });
  }

  if (verbs.includes('get')) {
    verb('get', `show ${article(spec.singular)}`)
      .argument('<id>', idHelp(spec))
      .action(async (id: string, opts: Options) => {
        printItem(await clientFor(opts).request<Row>('GET', itemPath(spec, scopeOf(opts), id)), opts.output);
      });
  }

  if (verbs.includes('create')) {
    const create = withBodyOptions(verb('create', `create ${article(spec.singular)}`), spec, 'create');
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
  }

  if (verbs.includes('update')) {
    withBodyOptions(verb('update', `change fields of ${article(spec.singular)} (PATCH: fields not given are kept)`), spec, 'update')
      .argument('<id>', idHelp(spec))
      .action(async (id: string, opts: Options) => {
        const client = clientFor(opts);
        const path = itemPath(spec, scopeOf(opts), id);
        const body = await updateBody(opts, () => client.request<Row>('GET', path), flagFields(spec, opts, 'update'));
        printItem(await client.request<Row>('PATCH', path, body), opts.output);
      });
  }

  if (verbs.includes('delete')) {
    verb('delete', `delete ${article(spec.singular)}`)
      .argument('<id>', idHelp(spec))
      .action(async (id: string, opts: Options) => {
        await clientFor(opts).request('DELETE', itemPath(spec, scopeOf(opts), id));
        if (opts.output === 'table') process.stdout.write(`deleted ${spec.singular} ${id}\n`);
      });
  }

  for (const read of reads) {
    const cmd = verb(read.verb, read.description);
    if (read.ofItem) cmd.argument('<id>', idHelp(spec));
    cmd.action(async (...args: unknown[]) => {
      const [id, opts] = read.ofItem ? [args[0] as string, args[1] as Options] : [undefined, args[0] as Options];
      const path = read.path(id === undefined ? collectionPath(spec, scopeOf(opts)) : itemPath(spec, scopeOf(opts), id));
      printList(read.rows(await clientFor(opts).request<Row>('GET', path)), read.columns, opts.output);
    });
  }
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

const article = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
