import { request } from 'undici';

/** The collections under a tenant, as their path segment. */
const KINDS = ['services', 'routes', 'upstreams', 'certificates', 'plugins', 'consumers', 'consumer-groups'] as const;
type Kind = (typeof KINDS)[number];

interface Item {
  id: string;
  /** name (slug for tenants); certificates have none */
  name?: string;
}

/** Random ids and names that exist nowhere: the 404 paths of valid-looking requests. */
const GHOSTS = ['ghost', '7d3f1c2e-0000-4000-8000-000000000000'];

const kindOf = (pathTemplate: string): Kind | undefined => KINDS.find((k) => pathTemplate.includes(`/${k}/{id}`) || pathTemplate.endsWith(`/${k}`));

/**
 * What exists on the server, so valid requests name real tenants, resources and references (a route's service, a
 * service's upstream) and get past 404 / 400 to the code behind them. Refreshed from the API after each accepted
 * write, never guessed.
 */
export class ResourcePool {
  private tenants: Item[] = [];
  private readonly items = new Map<string, Item[]>();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly certificate?: { cert: string; key: string },
  ) {}

  private async list(path: string): Promise<Item[]> {
    const res = await request(`${this.baseUrl}${path}?limit=500`, { headers: { authorization: `Bearer ${this.token}` } });
    const body = (await res.body.json()) as { data?: Array<{ id: string; name?: string; slug?: string; username?: string }> };
    // a tenant is addressed by its slug (its name is a display name), a consumer by its username; a plugin's
    // name is its kind, not a key: by id only
    const byId = path.endsWith('/plugins');
    return res.statusCode === 200 ? (body.data ?? []).map((r) => ({ id: r.id, name: byId ? undefined : (r.slug ?? r.username ?? r.name) })) : [];
  }

  async refreshAll(): Promise<void> {
    this.tenants = await this.list('/api/v1/tenants');
    this.items.clear();
    for (const t of this.tenants) for (const kind of KINDS) this.items.set(`${t.name}/${kind}`, await this.list(`/api/v1/tenants/${t.name}/${kind}`));
  }

  /** After a 2xx write on `pathTemplate`: re-read what it may have changed. */
  async refreshAfter(pathTemplate: string, tenant: string | undefined): Promise<void> {
    const kind = kindOf(pathTemplate);
    const t = this.tenants.find((x) => x.name === tenant || x.id === tenant);
    if (!pathTemplate.startsWith('/api/v1/tenants')) return;
    // renames follow into other kinds (an upstream's services' urls): refresh the whole tenant
    if (kind && t) for (const k of KINDS) this.items.set(`${t.name}/${k}`, await this.list(`/api/v1/tenants/${t.name}/${k}`));
    else await this.refreshAll();
  }

  /** An existing tenant, by slug or by id (odd n), now and then one that does not exist. */
  tenantRef(n: number): string {
    if (n % 17 === 0 || this.tenants.length === 0) return GHOSTS[n % GHOSTS.length];
    const t = this.tenants[n % this.tenants.length];
    return n % 2 === 1 ? t.id : (t.name ?? t.id);
  }

  /** An existing resource of the path's kind in `tenant`, by name or id, now and then one that does not exist. */
  resourceRef(pathTemplate: string, tenant: string | undefined, n: number): string {
    const all = this.of(tenant, kindOf(pathTemplate));
    if (n % 17 === 0 || all.length === 0) return GHOSTS[n % GHOSTS.length];
    const item = all[n % all.length];
    return n % 2 === 1 || !item.name ? item.id : item.name;
  }

  /** Names (ids for certificates) of `kind` in `tenant`. */
  refs(tenant: string | undefined, kind: Kind): string[] {
    return this.of(tenant, kind).map((i) => i.name ?? i.id);
  }

  private of(tenant: string | undefined, kind: Kind | undefined): Item[] {
    const t = this.tenants.find((x) => x.name === tenant || x.id === tenant);
    return t && kind ? (this.items.get(`${t.name}/${kind}`) ?? []) : [];
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A valid body made to pass the checks no schema can state: references to what exists in the tenant, a real
 * certificate. Only fields the generator produced are touched, so absent stays absent.
 */
export function fixValidBody(schema: string, body: unknown, tenant: string | undefined, pool: ResourcePool, pick: number): unknown {
  if (!isObject(body)) return body;
  const out: Json = structuredClone(body);
  const one = (names: string[], fallback: string) => (names.length > 0 ? names[pick % names.length] : fallback);
  const services = pool.refs(tenant, 'services');
  if (schema.startsWith('Route')) {
    if ('service' in out) out.service = one(services, 'ghost');
    const split = out.split;
    if (isObject(split) && Array.isArray(split.services)) {
      for (const s of split.services) if (isObject(s)) s.service = one(services, 'ghost');
      if (Array.isArray(split.match)) for (const m of split.match) if (isObject(m)) m.service = one(services, 'ghost');
    }
    if (isObject(out.fallback) && 'service' in out.fallback) out.fallback.service = one(services, 'ghost');
  }
  if (schema.startsWith('Service')) {
    if (typeof out.url === 'string' && out.url.startsWith('upstream://')) {
      const upstreams = pool.refs(tenant, 'upstreams');
      out.url = upstreams.length > 0 ? `upstream://${one(upstreams, '')}` : 'http://127.0.0.1:9';
    }
    // the scheme decides for urls that have one; certificate ids must exist and carry what they are used for
    if (typeof out.url === 'string' && !out.url.startsWith('upstream://')) delete out.protocol;
    delete out.clientCertificateId;
    delete out.caCertificateId;
  }
  if (schema.startsWith('Certificate') && pool.certificate) {
    if ('cert' in out) out.cert = pool.certificate.cert;
    if ('key' in out) out.key = pool.certificate.key;
    if ('key' in out && !('cert' in out)) out.cert = pool.certificate.cert;
  }
  return out;
}
