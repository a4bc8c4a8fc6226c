import { Injectable } from '@nestjs/common';
import { DECLARATIVE_SECTIONS, type DeclarativeSection } from '@aya/config-schema';
import { CertificatesStore } from '../certificates/certificates.store';
import { PAGE_ORDER } from '../common/pagination';
import { ConsumerGroupsStore } from '../consumers/consumer-groups.store';
import { ConsumersStore } from '../consumers/consumers.store';
import type { Tx } from '../db/prisma';
import type { Certificate as CertificateRow } from '../generated/prisma/client';
import { PluginsStore } from '../plugins/plugins.store';
import type { TenantParent } from '../resources/parents';
import type { ResourceRow, ResourceStore } from '../resources/resource-definition';
import { RoutesStore } from '../routes/routes.store';
import { ServicesStore } from '../services/services.store';
import { UpstreamsStore } from '../upstreams/upstreams.store';
import { canonicalEntry, leafFingerprint, sectionSpec, type Entry } from './document-entries';
import { loadRouteRows } from './route-rows';

/** A store as the declarative code drives it: rows and inputs are the ones the same store produced or parses. */
export type AnyTenantStore = ResourceStore<ResourceRow, unknown, object, TenantParent>;

/** An object the tenant has now: its row, id, identity and its entry as a dump writes it. */
export interface CurrentItem {
  id: string;
  key: string;
  entry: Entry;
  row: ResourceRow;
}

export type TenantState = Record<DeclarativeSection, CurrentItem[]>;

/** mtls-auth names certificates in its config (ids in the API, fingerprints in a document). */
export function mapCaCertificates(plugin: string, config: unknown, map: (ref: string) => string | undefined): unknown {
  if (plugin !== 'mtls-auth' || typeof config !== 'object' || config === null) return config;
  const c = config as Entry;
  if (!Array.isArray(c.caCertificates)) return config;
  return { ...c, caCertificates: c.caCertificates.map((ref: unknown) => (typeof ref === 'string' ? (map(ref) ?? ref) : ref)) };
}

/** A tenant's rows as document entries (names, never ids), read with the resources' own stores. */
@Injectable()
export class TenantStateReader {
  readonly stores: Record<DeclarativeSection, AnyTenantStore>;

  constructor(
    certificates: CertificatesStore,
    upstreams: UpstreamsStore,
    services: ServicesStore,
    routes: RoutesStore,
    consumerGroups: ConsumerGroupsStore,
    consumers: ConsumersStore,
    plugins: PluginsStore,
  ) {
    // the registry erases the same way (resources/resource-definition.ts: defineResource)
    const erase = (s: object) => s as AnyTenantStore;
    this.stores = {
      certificates: erase(certificates),
      upstreams: erase(upstreams),
      services: erase(services),
      routes: erase(routes),
      consumerGroups: erase(consumerGroups),
      consumers: erase(consumers),
      plugins: erase(plugins),
    };
  }

  async load(db: Tx, tenantId: string): Promise<TenantState> {
    const views = {} as Record<DeclarativeSection, Array<{ row: ResourceRow; view: Entry }>>;
    for (const section of DECLARATIVE_SECTIONS) {
      const store = this.stores[section];
      // routes in one query (the tenant may have tens of thousands); the others through their stores
      const rows = section === 'routes' ? await loadRouteRows(db, tenantId) : await store.findRows(db, { where: { tenantId }, orderBy: PAGE_ORDER, take: 10_000_000 });
      views[section] = rows.map((row) => ({ row, view: store.toDto(row) as Entry }));
    }
    const fingerprints = new Map(views.certificates.map(({ row }) => [row.id, leafFingerprint((row as CertificateRow).cert) ?? row.id]));
    const names = (section: DeclarativeSection, key: string) => new Map(views[section].map(({ row, view }) => [row.id, String(view[key])]));
    const serviceNames = names('services', 'name');
    const routeNames = names('routes', 'name');
    const usernames = names('consumers', 'username');
    const byId = (map: Map<string, string>, id: unknown) => (typeof id === 'string' ? (map.get(id) ?? id) : undefined);

    const entryOf: Record<DeclarativeSection, (row: ResourceRow, view: Entry) => Entry> = {
      certificates: (row) => {
        const c = row as CertificateRow;
        return { fingerprint: fingerprints.get(c.id), snis: c.snis ?? [], cert: c.cert, keySealed: c.keyEncrypted };
      },
      upstreams: (_row, view) => view,
      services: (_row, view) => ({ ...view, clientCertificate: byId(fingerprints, view.clientCertificateId), caCertificate: byId(fingerprints, view.caCertificateId) }),
      routes: (_row, view) => view,
      consumerGroups: (_row, view) => view,
      consumers: (_row, view) => view,
      plugins: (_row, view) => ({
        name: view.name,
        enabled: view.enabled,
        service: byId(serviceNames, view.serviceId),
        route: byId(routeNames, view.routeId),
        consumer: byId(usernames, view.consumerId),
        config: mapCaCertificates(String(view.name), view.config, (id) => fingerprints.get(id)),
      }),
    };

    const state = {} as TenantState;
    for (const section of DECLARATIVE_SECTIONS) {
      const spec = sectionSpec(section);
      state[section] = views[section]
        .map(({ row, view }) => {
          const entry = canonicalEntry(spec, entryOf[section](row, view));
          return { id: row.id, key: spec.key(entry), entry, row };
        })
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    return state;
  }
}
