import { Option, type Command } from 'commander';
import { createBody, updateBody, type BodyOptions, type Row } from './body';
import type { AdminClient } from './client';
import { clientFor, withConnection, type ConnectionOptions } from './connection';
import { UsageError } from './errors';
import { printItem, printList } from './output';
import { fetchPages, listNote, withPaging, type PagingOptions } from './paging';
import { collectionPath, itemPath, type ResourceSpec, type Scope, type Verb } from './resources';

/** The resource lists' largest page and their default (apps/control-plane/src/common/pagination.ts). */
const PAGE_LIMIT = 500;
const DEFAULT_PAGE = 100;

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

  if (verbs.includes('list')) {
    const list = withPaging(verb('list', `list ${spec.singular}s (the first page; --all for every page)`), { max: PAGE_LIMIT, defaultLimit: DEFAULT_PAGE });
    if (spec.search) {
      list.option('--q <text>', `only ${spec.singular}s with this text in ${spec.search.fields} (any case)`);
      const sorts = spec.search.sort ? `createdAt (the default), ${spec.search.sort}; -field for descending` : 'createdAt (the default); -createdAt for newest first';
      list.option('--sort <field>', sorts);
    }
    for (const filter of spec.listFilters ?? []) list.option(filter.flags, filter.description);
    list.action(async (opts: Options & PagingOptions & { q?: string; sort?: string }) => {
      const client = clientFor(opts);
      const filters = await listFilterParams(client, spec, opts);
      const fetched = await fetchPages(client, collectionPath(spec, scopeOf(opts)), { q: opts.q, sort: opts.sort, ...filters }, { ...opts, max: PAGE_LIMIT });
      // a searchable list always counts its matches: no total means this control plane ignored ?q=, ?sort= and filters
      if ((opts.q !== undefined || opts.sort !== undefined || Object.keys(filters).length > 0) && fetched.total === undefined) {
        throw new UsageError(`this control plane cannot search, sort or filter ${spec.singular}s: its list answered without a total`);
      }
      printList(fetched.rows, spec.columns, opts.output);
      const note = listNote(fetched, `${spec.singular}s`, opts.output === 'table');
      if (note) process.stderr.write(`${note}\n`);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API filters by id: a name given to a filter flag is looked up (`GET .../services/billing`; a 404 names it). */
async function listFilterParams(client: AdminClient, spec: ResourceSpec, opts: Options): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const filter of spec.listFilters ?? []) {
    const value = opts[new Option(filter.flags).attributeName()];
    if (typeof value !== 'string') continue;
    params[filter.param] =
      filter.lookup && !UUID.test(value)
        ? String((await client.request<Row>('GET', `/api/v1/tenants/${encodeURIComponent(opts.tenant)}/${filter.lookup}/${encodeURIComponent(value)}`)).id)
        : value;
  }
  return params;
}

const scopeOf = (opts: Options): Scope => ({ tenant: opts.tenant, consumer: opts.consumer });

const idHelp = (spec: ResourceSpec): string => (spec.key ? `id or ${spec.key}` : 'id');

const article = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
