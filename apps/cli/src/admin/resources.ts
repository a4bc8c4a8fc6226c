import type { Row } from './body';
import type { Column } from './output';

/** A flag of `create` (and `update` when `onUpdate`) that fills one body field: `--route r1` -> `{route: "r1"}`. */
export interface FieldFlag {
  flags: string;
  field: string;
  description: string;
  onUpdate?: boolean;
}

/** One admin resource: which path it lives at and what its table view shows. Everything else is generic. */
export interface ResourceSpec {
  /** the CLI word and the last path segment (`consumer-groups`) */
  command: string;
  /** for messages: `deleted consumer alice` */
  singular: string;
  /** false: `/api/v1/<command>` (tenants); true: `/api/v1/tenants/{tenant}/<command>` */
  inTenant: boolean;
  /** nested under a consumer: `--consumer <c>` is required, path `/consumers/{c}/<command>` */
  underConsumer?: boolean;
  /** the field a path segment may name a row by besides its id (slug, name, username); none: by id only */
  key?: string;
  /** `create <arg>` fills this body field (the key; a plugin's name) */
  createArg?: { name: string; field: string };
  flags?: FieldFlag[];
  /** plugins: `-c path=value` assigns inside the body's `config` */
  configAssignments?: boolean;
  columns: Column[];
  /** fields of a create answer that are shown this once and never again (key-auth key, generated jwt secret) */
  shownOnce?: (created: Row) => string[];
  /**
   * its list takes `?q=&sort=` and answers a `total`: `list` gets `--q` (searching `fields`) and `--sort` (`sort`:
   * the fields besides createdAt; none: createdAt only, as the people lists)
   */
  search?: { fields: string; sort?: string };
  /** `list` flags the API filters by */
  listFilters?: ListFilter[];
  /** the verbs the API has for it; default all five (gateway nodes: list only) */
  verbs?: readonly Verb[];
  /** read-only endpoints beside the CRUD ones: `aya upstreams health <u>`, `aya plugins schemas` */
  reads?: ExtraRead[];
}

export type Verb = 'list' | 'get' | 'create' | 'update' | 'delete';

/** A `list` flag the API filters by: `--service billing` -> `?service=<billing's id>` (`lookup`: the resource a name is looked up in). */
export interface ListFilter {
  flags: string;
  param: string;
  description: string;
  lookup?: string;
}

export interface ExtraRead {
  verb: string;
  description: string;
  /** `<id>` argument: the path is the item's path plus `suffix`; else `path` alone */
  ofItem: boolean;
  path: (itemOrCollection: string) => string;
  /** the rows of the answer the table shows (json/yaml print these too) */
  rows: (answer: Row) => Row[];
  columns: Column[];
}

const col = (header: string, field: string): Column => ({ header, value: (row) => row[field] });
const ID = col('ID', 'id');

/** a plugin's scope as one cell: global, or which service/route/consumer (by id: the API answers ids) */
function pluginScope(row: Row): string {
  const parts = [['service', row.serviceId], ['route', row.routeId], ['consumer', row.consumerId]].filter(([, v]) => v);
  return parts.length ? parts.map(([k, v]) => `${k}=${String(v)}`).join(' ') : 'global';
}

/** An uptime as a person reads it: `14s`, `5m06s`, `3h04m`, `2d03h` (the two largest units). */
export function duration(seconds: number): string {
  const units: Array<[string, number]> = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
  const i = units.findIndex(([, size]) => seconds >= size);
  if (i < 0 || i === units.length - 1) return `${Math.max(0, Math.floor(seconds))}s`;
  const [[big, bigSize], [small, smallSize]] = [units[i], units[i + 1]];
  const rest = Math.floor((seconds % bigSize) / smallSize);
  return `${Math.floor(seconds / bigSize)}${big}${String(rest).padStart(2, '0')}${small}`;
}

const dataRows = (answer: Row): Row[] => (answer.data as Row[] | undefined) ?? [];

/** one cell per node: `<node id>=<state>` (the worst of them is the row's STATE) */
const nodeStates = (row: Row): string[] => ((row.nodes as { nodeId: string; state: string }[] | undefined) ?? []).map((n) => `${n.nodeId}=${n.state}`);

/** a plugin schema's top-level config fields: what `-c` can set */
const schemaFields = (row: Row): string[] => Object.keys(((row.schema as { properties?: object } | undefined)?.properties ?? {}) as object);

/** what names a credential to a person, without its secret: key prefix, basic username, jwt key, mtls subject */
function credentialIdentity(row: Row): unknown {
  if (row.type === 'key-auth') return row.keyPrefix ? `${String(row.keyPrefix)}…` : undefined;
  return row.username ?? row.key ?? row.subject ?? row.fingerprint;
}

export const RESOURCE_SPECS: readonly ResourceSpec[] = [
  {
    command: 'tenants',
    singular: 'tenant',
    inTenant: false,
    key: 'slug',
    createArg: { name: 'slug', field: 'slug' },
    columns: [col('SLUG', 'slug'), col('NAME', 'name'), ID],
  },
  {
    command: 'services',
    search: { fields: 'the name or URL', sort: 'name, url, updatedAt' },
    listFilters: [{ flags: '--upstream <upstream>', param: 'upstream', lookup: 'upstreams', description: 'only services of this upstream (name or id)' }],
    singular: 'service',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    columns: [col('NAME', 'name'), col('URL', 'url'), ID],
  },
  {
    command: 'routes',
    search: { fields: 'the name, a path or a host', sort: 'name, updatedAt' },
    listFilters: [{ flags: '--service <service>', param: 'service', lookup: 'services', description: 'only routes of this service (name or id)' }],
    singular: 'route',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    flags: [{ flags: '--service <service>', field: 'service', description: 'service name or id', onUpdate: true }],
    columns: [col('NAME', 'name'), col('SERVICE', 'service'), col('PATHS', 'paths'), col('METHODS', 'methods'), col('HOSTS', 'hosts'), ID],
  },
  {
    command: 'upstreams',
    search: { fields: 'the name or a target (host:port)', sort: 'name, algorithm, updatedAt' },
    singular: 'upstream',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    columns: [
      col('NAME', 'name'),
      col('ALGORITHM', 'algorithm'),
      { header: 'TARGETS', value: (row) => (row.targets as { target: string; weight: number }[] | undefined)?.map((t) => `${t.target}*${t.weight}`) },
      ID,
    ],
    reads: [
      {
        verb: 'health',
        description: "the targets' health as the gateways report it",
        ofItem: true,
        path: (item) => `${item}/health`,
        rows: dataRows,
        columns: [col('TARGET', 'target'), col('STATE', 'state'), { header: 'NODES', value: nodeStates }],
      },
    ],
  },
  {
    command: 'certificates',
    search: { fields: 'an SNI', sort: 'updatedAt' },
    singular: 'certificate',
    inTenant: true,
    columns: [ID, col('SNIS', 'snis'), col('HAS KEY', 'hasKey'), col('UPDATED', 'updatedAt')],
  },
  {
    command: 'plugins',
    search: { fields: 'the plugin name', sort: 'name, updatedAt' },
    listFilters: [
      { flags: '--name <plugin>', param: 'name', description: 'only instances of this plugin (rate-limit, key-auth, ...)' },
      { flags: '--scope <scope>', param: 'scope', description: 'only plugins applied globally or to a service, route or consumer' },
      { flags: '--service <service>', param: 'service', lookup: 'services', description: "only this service's plugins (name or id)" },
      { flags: '--route <route>', param: 'route', lookup: 'routes', description: "only this route's plugins (name or id)" },
      { flags: '--consumer <consumer>', param: 'consumer', lookup: 'consumers', description: "only this consumer's plugins (username or id)" },
    ],
    singular: 'plugin',
    inTenant: true,
    createArg: { name: 'plugin', field: 'name' },
    configAssignments: true,
    flags: [
      { flags: '--service <service>', field: 'service', description: 'scope: service name or id', onUpdate: true },
      { flags: '--route <route>', field: 'route', description: 'scope: route name or id', onUpdate: true },
      { flags: '--consumer <consumer>', field: 'consumer', description: 'scope: consumer username or id', onUpdate: true },
    ],
    columns: [ID, col('NAME', 'name'), col('ENABLED', 'enabled'), { header: 'SCOPE', value: pluginScope }],
    reads: [
      {
        verb: 'schemas',
        description: 'the plugins and their config fields (-o yaml: each whole JSON Schema)',
        ofItem: false,
        path: () => '/api/v1/plugins/schemas',
        rows: (answer) => (answer.plugins as Row[] | undefined) ?? [],
        columns: [col('NAME', 'name'), col('AUTH', 'auth'), col('PRE-AUTH', 'preAuth'), { header: 'CONFIG FIELDS', value: schemaFields }],
      },
    ],
  },
  {
    command: 'consumers',
    search: { fields: 'the username or custom id', sort: 'username, updatedAt' },
    singular: 'consumer',
    inTenant: true,
    key: 'username',
    createArg: { name: 'username', field: 'username' },
    columns: [col('USERNAME', 'username'), col('CUSTOM ID', 'customId'), col('GROUPS', 'groups'), ID],
  },
  {
    command: 'consumer-groups',
    search: { fields: 'the name or description', sort: 'name, updatedAt' },
    singular: 'consumer group',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    columns: [col('NAME', 'name'), col('DESCRIPTION', 'description'), ID],
  },
  {
    command: 'credentials',
    singular: 'credential',
    inTenant: true,
    underConsumer: true,
    flags: [{ flags: '--type <type>', field: 'type', description: 'key-auth | basic-auth | jwt | mtls' }],
    columns: [ID, col('TYPE', 'type'), { header: 'IDENTITY', value: credentialIdentity }, col('EXPIRES', 'expiresAt'), col('CREATED', 'createdAt')],
    shownOnce: (created) => [...(created.type === 'key-auth' && created.key ? ['key'] : []), ...(created.secret ? ['secret'] : [])],
  },
  {
    command: 'members',
    search: { fields: 'the username or e-mail' },
    singular: 'member',
    inTenant: true,
    verbs: ['list', 'create', 'update', 'delete'],
    createArg: { name: 'user', field: 'user' },
    flags: [{ flags: '--role <role>', field: 'role', description: 'owner | admin | operator | viewer', onUpdate: true }],
    columns: [
      { header: 'USER', value: (row) => (row.user as Row | undefined)?.username },
      { header: 'EMAIL', value: (row) => (row.user as Row | undefined)?.email },
      col('ROLE', 'role'),
    ],
  },
  {
    command: 'tokens',
    search: { fields: 'the name' },
    singular: 'admin token',
    inTenant: true,
    verbs: ['list', 'create', 'delete'],
    createArg: { name: 'name', field: 'name' },
    flags: [
      { flags: '--role <role>', field: 'role', description: 'owner | admin | operator | viewer (at most your own)' },
      { flags: '--expires-at <time>', field: 'expiresAt', description: 'ISO 8601 time; none: never expires' },
    ],
    columns: [col('NAME', 'name'), col('ROLE', 'role'), col('LAST USED', 'lastUsedAt'), col('EXPIRES', 'expiresAt'), col('CREATED BY', 'createdBy'), ID],
    shownOnce: (created) => (created.token ? ['token'] : []),
  },
  {
    command: 'users',
    search: { fields: 'the username or e-mail' },
    singular: 'user',
    inTenant: false,
    key: 'username',
    createArg: { name: 'username', field: 'username' },
    flags: [{ flags: '--email <email>', field: 'email', description: 'signs in like the username', onUpdate: true }],
    columns: [col('USERNAME', 'username'), col('EMAIL', 'email'), col('SUPERADMIN', 'superadmin'), { header: 'TENANTS', value: (row) => ((row.tenants as Row[] | undefined) ?? []).map((t) => `${String(t.slug)}:${String(t.role)}`) }, ID],
  },
  {
    command: 'nodes',
    singular: 'gateway node',
    inTenant: false,
    verbs: ['list'],
    columns: [
      col('ID', 'id'),
      col('HOSTNAME', 'hostname'),
      col('ADDRESS', 'address'),
      col('VERSION', 'version'),
      col('WORKERS', 'workers'),
      { header: 'UPTIME', value: (row) => (typeof row.uptimeSeconds === 'number' ? duration(row.uptimeSeconds) : undefined) },
      col('REVISION', 'revision'),
      // in-sync | drifting | stale (older control planes answer inSync alone)
      { header: 'STATE', value: (row) => row.state ?? (row.inSync === undefined ? undefined : row.inSync ? 'in-sync' : 'drifting') },
      col('BEHIND', 'revisionsBehind'),
      col('LAST SEEN', 'lastSeenAt'),
    ],
  },
];

export interface Scope {
  tenant: string;
  consumer?: string;
}

const seg = encodeURIComponent;

/** The collection path of a resource, e.g. `/api/v1/tenants/default/consumers/alice/credentials`. */
export function collectionPath(spec: ResourceSpec, scope: Scope): string {
  if (!spec.inTenant) return `/api/v1/${spec.command}`;
  const parent = spec.underConsumer ? `/consumers/${seg(scope.consumer ?? '')}` : '';
  return `/api/v1/tenants/${seg(scope.tenant)}${parent}/${spec.command}`;
}

export const itemPath = (spec: ResourceSpec, scope: Scope, id: string): string => `${collectionPath(spec, scope)}/${seg(id)}`;
