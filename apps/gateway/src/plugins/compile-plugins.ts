import { CONSUMER_UNSCOPABLE_PLUGINS, type Snapshot, type SnapshotConsumer, type SnapshotCredential, type SnapshotPlugin, type SnapshotRoute } from '@aya/config-schema';
import { errorMessage } from '../log';
import { Chain, RoutePlugins, type Step } from './chain';
import { TenantDirectory } from './consumer-directory';
import { scopeMatches, scopeRank } from './scopes';
import type { AnyPluginDefinition, AuthPluginInstance, PluginInstance, PluginShared } from './types';

/** name -> definition: registry.ts's pluginDefinition, or a gateway's own list (GatewayOptions.plugins) */
export type PluginDefinitions = (name: string) => AnyPluginDefinition | undefined;

/** A created instance with what it was created against: kept while its snapshot object and directory are. */
interface InstanceSlot {
  readonly directory: TenantDirectory;
  readonly step: Step;
  /** why it cannot run (repeated by every compile that uses it) */
  readonly warning: string | undefined;
}

/** What one compile leaves for the next (inside CompileCache). */
export interface PluginCache {
  readonly shared: PluginShared;
  readonly definitions: PluginDefinitions;
  readonly instances: WeakMap<SnapshotPlugin, InstanceSlot>;
  readonly directories: ReadonlyMap<string, TenantDirectory>;
  /** the instances that compile's routes use: only those may be kept (the gateway closed the others) */
  readonly inUse: ReadonlySet<PluginInstance>;
}

/** A tenant's plugin instances, indexed by where they attach. */
interface TenantPlugins {
  readonly global: SnapshotPlugin[];
  readonly byService: Map<string, SnapshotPlugin[]>;
  readonly byRoute: Map<string, SnapshotPlugin[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The plugin part of a compile: per tenant a ConsumerDirectory (kept while its consumers and
 * credentials are the same objects), per snapshot plugin one instance (create() once, kept while the
 * plugin object and its tenant's directory are), per route its chain (kept while it would hold the
 * same instances). Runs off the request path, at each config change.
 */
export class PluginCompile {
  readonly cache: PluginCache;
  /** every instance some route of this compile uses: the gateway closes the previous compile's others */
  readonly inUse = new Set<PluginInstance>();
  private readonly tenants = new Map<string, TenantPlugins>();
  private readonly consumersOf = new Map<string, SnapshotConsumer[]>();
  private readonly credentialsOf = new Map<string, SnapshotCredential[]>();
  private readonly directories = new Map<string, TenantDirectory>();
  private readonly warned = new Set<InstanceSlot | string>();
  private readonly previousDirectories: ReadonlyMap<string, TenantDirectory> | undefined;
  private readonly previousInUse: ReadonlySet<PluginInstance>;

  constructor(
    snapshot: Snapshot,
    shared: PluginShared,
    definitions: PluginDefinitions,
    previous: PluginCache | undefined,
    private readonly warnings: string[],
  ) {
    const prev = previous?.shared === shared && previous.definitions === definitions ? previous : undefined;
    this.cache = { shared, definitions, instances: prev?.instances ?? new WeakMap(), directories: this.directories, inUse: this.inUse };
    this.previousDirectories = prev?.directories;
    this.previousInUse = prev?.inUse ?? new Set();
    for (const p of snapshot.plugins ?? []) {
      let t = this.tenants.get(p.tenant);
      if (!t) this.tenants.set(p.tenant, (t = { global: [], byService: new Map(), byRoute: new Map() }));
      if (p.routeId !== null) push(t.byRoute, p.routeId, p);
      else if (p.serviceId !== null) push(t.byService, p.serviceId, p);
      else t.global.push(p);
    }
    // consumers matter only to tenants with plugins
    if (this.tenants.size === 0) return;
    for (const c of snapshot.consumers ?? []) if (this.tenants.has(c.tenant)) push(this.consumersOf, c.tenant, c);
    for (const c of snapshot.credentials ?? []) if (this.tenants.has(c.tenant)) push(this.credentialsOf, c.tenant, c);
  }

  /**
   * The route's plugins, or undefined when none applies (the request path then pays one property
   * check). `previous`: what the route had; returned as it is when it would hold the same instances.
   */
  routePlugins(r: SnapshotRoute, previous: RoutePlugins | undefined): RoutePlugins | undefined {
    const t = this.tenants.get(r.tenant);
    if (!t) return undefined;
    const best = new Map<string, SnapshotPlugin>();
    let byConsumer: Map<string, Map<string, SnapshotPlugin>> | undefined;
    const consider = (list: readonly SnapshotPlugin[] | undefined): void => {
      if (!list) return;
      for (const p of list) {
        if (!p.enabled || !scopeMatches(p, r.id, r.serviceId)) continue;
        let into = best;
        if (p.consumerId !== null) {
          if (CONSUMER_UNSCOPABLE_PLUGINS.has(p.name)) {
            // the control plane refuses these (400); one that got here anyway is left out, once per compile
            if (!this.warned.has(p.id)) this.warnings.push(`plugin ${p.name} ${p.id}: ${p.name} cannot be scoped to a consumer (ignored)`);
            this.warned.add(p.id);
            continue;
          }
          byConsumer ??= new Map();
          into = byConsumer.get(p.consumerId) ?? new Map();
          byConsumer.set(p.consumerId, into);
        }
        const current = into.get(p.name);
        if (!current || scopeRank(p) > scopeRank(current)) into.set(p.name, p);
      }
    };
    consider(t.global);
    consider(t.byService.get(r.serviceId));
    consider(t.byRoute.get(r.id));
    // without a base chain nothing authenticates, so consumer-scoped instances could never apply
    if (best.size === 0) return undefined;
    const directory = this.directory(r.tenant);
    const steps = [...best.values()].map((p) => this.stepOf(p, directory));
    const signature = [...steps];
    let consumerSteps: Map<string, Step[]> | undefined;
    if (byConsumer) {
      consumerSteps = new Map();
      for (const [consumerId, plugins] of byConsumer) {
        const own = [...plugins.values()].map((p) => this.stepOf(p, directory));
        consumerSteps.set(consumerId, own);
        signature.push(...own);
      }
    }
    for (const s of signature) if (s.instance) this.inUse.add(s.instance);
    if (previous && previous.base.directory === directory && sameSteps(previous.signature, signature)) return previous;
    return new RoutePlugins(r.tenant, new Chain(steps, directory), consumerSteps, signature);
  }

  private directory(tenant: string): TenantDirectory {
    let dir = this.directories.get(tenant);
    if (dir) return dir;
    const consumers = this.consumersOf.get(tenant) ?? [];
    const credentials = this.credentialsOf.get(tenant) ?? [];
    const prev = this.previousDirectories?.get(tenant);
    dir = prev?.sameItems(consumers, credentials) ? prev : new TenantDirectory(consumers, credentials);
    this.directories.set(tenant, dir);
    return dir;
  }

  /** The instance of `p`, created once; a config that does not parse or a create() that throws gives a step that fails closed. */
  private stepOf(p: SnapshotPlugin, directory: TenantDirectory): Step {
    let slot = this.cache.instances.get(p);
    if (!slot || slot.directory !== directory || !this.alive(slot)) {
      slot = this.create(p, directory);
      this.cache.instances.set(p, slot);
    }
    if (slot.warning !== undefined && !this.warned.has(slot)) {
      this.warned.add(slot);
      this.warnings.push(slot.warning);
    }
    return slot.step;
  }

  /** an instance no route used in the previous compile may have been closed since */
  private alive(slot: InstanceSlot): boolean {
    const instance = slot.step.instance;
    return instance === undefined || this.previousInUse.has(instance) || this.inUse.has(instance);
  }

  private create(p: SnapshotPlugin, directory: TenantDirectory): InstanceSlot {
    const rank = scopeRank(p);
    const def = this.cache.definitions(p.name);
    const broken = (why: string): InstanceSlot => ({
      directory,
      step: { name: p.name, priority: def?.priority ?? 0, instanceId: p.id, rank, instance: undefined, auth: undefined },
      warning: `plugin ${p.name} ${p.id}: ${why}; the routes it applies to answer 500 AYA_GW_PLUGIN_ERROR`,
    });
    if (!def) return broken('not known to this gateway');
    const parsed = def.schema.safeParse(p.config);
    // the paths of the failing fields only: config values may be secrets
    if (!parsed.success) return broken(`config does not parse (at ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')})`);
    let instance: PluginInstance;
    try {
      instance = def.create(parsed.data, { tenant: p.tenant, consumers: directory, shared: this.cache.shared, instanceId: p.id });
    } catch (err) {
      return broken(`create() failed: ${errorMessage(err)}`);
    }
    const auth = def.auth ? (instance as AuthPluginInstance) : undefined;
    if (auth && typeof auth.authenticate !== 'function') return broken('an auth plugin without authenticate()');
    return { directory, step: { name: p.name, priority: def.priority, instanceId: p.id, rank, instance, auth }, warning: undefined };
  }
}

function sameSteps(a: readonly Step[], b: readonly Step[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
