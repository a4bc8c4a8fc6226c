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
}

const col = (header: string, field: string): Column => ({ header, value: (row) => row[field] });
const ID = col('ID', 'id');

/** a plugin's scope as one cell: global, or which service/route/consumer (by id: the API answers ids) */
function pluginScope(row: Row): string {
  const parts = [['service', row.serviceId], ['route', row.routeId], ['consumer', row.consumerId]].filter(([, v]) => v);
  return parts.length ? parts.map(([k, v]) => `${k}=${String(v)}`).join(' ') : 'global';
}

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
    singular: 'service',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    columns: [col('NAME', 'name'), col('URL', 'url'), ID],
  },
  {
    command: 'routes',
    singular: 'route',
    inTenant: true,
    key: 'name',
    createArg: { name: 'name', field: 'name' },
    flags: [{ flags: '--service <service>', field: 'service', description: 'service name or id', onUpdate: true }],
    columns: [col('NAME', 'name'), col('SERVICE', 'service'), col('PATHS', 'paths'), col('METHODS', 'methods'), col('HOSTS', 'hosts'), ID],
  },
  {
    command: 'upstreams',
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
  },
  {
    command: 'certificates',
    singular: 'certificate',
    inTenant: true,
    columns: [ID, col('SNIS', 'snis'), col('HAS KEY', 'hasKey'), col('UPDATED', 'updatedAt')],
  },
  {
    command: 'plugins',
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
  },
  {
    command: 'consumers',
    singular: 'consumer',
    inTenant: true,
    key: 'username',
    createArg: { name: 'username', field: 'username' },
    columns: [col('USERNAME', 'username'), col('CUSTOM ID', 'customId'), col('GROUPS', 'groups'), ID],
  },
  {
    command: 'consumer-groups',
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
