import { Inject, Injectable } from '@nestjs/common';
import { DECLARATIVE_VERSION, type ConfigApplyResult, type DeclarativeConfig, type DeclarativeSection } from '@aya/config-schema';
import type { Principal } from '../auth/permissions';
import { CERTIFICATES } from '../certificates/certificates.resource';
import { SecretBox } from '../certificates/secret-box';
import { ConfigWriter } from '../config-flow/config-writer';
import { CONSUMER_GROUPS } from '../consumers/consumer-groups.resource';
import { CONSUMERS } from '../consumers/consumers.resource';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import { PLUGINS } from '../plugins/plugins.resource';
import { IN_TENANT, type TenantParent } from '../resources/parents';
import type { AnyResource } from '../resources/resource-definition';
import { ROUTES } from '../routes/routes.resource';
import { SERVICES } from '../services/services.resource';
import { UPSTREAMS } from '../upstreams/upstreams.resource';
import { ApplyLog, SectionWriter } from './apply-log';
import { applyTimeoutMs, assertApplySize } from './apply-limits';
import { planApply, readDocument, type ApplyPlan } from './config-plan';
import { hasClearPasswords, hashClearPasswords } from './clear-passwords';
import { currentCredentials, dumpCredential, planCredentials, type CredentialPlan, type CurrentCredential } from './credential-entries';
import { writeCredentials } from './credential-write';
import { SECTIONS, leafFingerprint, type Entry, type SectionSpec } from './document-entries';
import { atEntry } from './document-path';
import { writeConsumers } from './consumer-bulk';
import { writeRoutes } from './route-bulk';
import { TenantStateReader, mapCaCertificates } from './tenant-state';

const DEFINITIONS: Record<DeclarativeSection, AnyResource> = {
  certificates: CERTIFICATES,
  upstreams: UPSTREAMS,
  services: SERVICES,
  routes: ROUTES,
  consumerGroups: CONSUMER_GROUPS,
  consumers: CONSUMERS,
  plugins: PLUGINS,
};

/** Thrown to roll the apply's transaction back (a dry run, or nothing to change): no revision, no audit row. */
class RolledBack extends Error {
  constructor(readonly result: ConfigApplyResult) {
    super('rolled back');
  }
}

export interface ApplyOptions {
  dryRun: boolean;
  prune: boolean;
}

/**
 * A tenant's configuration as one document: the dump (names, never ids) and the apply, which writes every change
 * the document asks for in ONE config write (one revision, one audit row per object, one item sync).
 */
@Injectable()
export class DeclarativeConfigService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Db,
    private readonly writer: ConfigWriter,
    private readonly box: SecretBox,
    private readonly reader: TenantStateReader,
  ) {}

  async dump(tenant: string): Promise<DeclarativeConfig> {
    // one consistent view of every section
    const { state, credentials } = await this.prisma.$transaction(
      async (tx) => {
        const { tenantId } = await IN_TENANT.resolve(tx, { tenant });
        const loaded = await this.reader.load(tx, tenantId);
        return { state: loaded, credentials: await loadCredentials(tx, tenantId, loaded.consumers) };
      },
      { isolationLevel: 'RepeatableRead', maxWait: 10_000, timeout: 60_000 },
    );
    const doc: Entry = { version: DECLARATIVE_VERSION };
    for (const { section } of SECTIONS) doc[section] = state[section].map((c) => c.entry);
    // a consumer's credentials, in a stable order, after its own fields (none: no `credentials`, as a file that does not manage them)
    const held = new Map<string, CurrentCredential[]>();
    for (const c of credentials.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))) held.set(c.username, [...(held.get(c.username) ?? []), c]);
    doc.consumers = state.consumers.map((c) => {
      const own = held.get(c.key);
      return own ? { ...c.entry, credentials: own.map((x) => dumpCredential(x.row)) } : c.entry;
    });
    return doc as DeclarativeConfig;
  }

  /**
   * Runs the whole apply in the config writer's transaction, so every check of every store sees the writes before
   * it; a dry run, and a document that changes nothing, roll it back (the revision bump included).
   */
  async apply(actor: Principal, tenant: string, document: DeclarativeConfig, options: ApplyOptions): Promise<ConfigApplyResult> {
    // the pipe refused an oversized body already; a caller in this process is held to the same limit
    const objects = assertApplySize(document);
    const desired = readDocument(document, this.box);
    const passwords = hasClearPasswords(document) ? await hashClearPasswords(document, await this.credentialsOutside(tenant)) : new Map<string, string>();
    try {
      return await this.writer.write(actor, async (tx) => {
        const revision = await currentRevision(tx);
        const parent = await IN_TENANT.resolve(tx, { tenant });
        const state = await this.reader.load(tx, parent.tenantId);
        const plan = planApply(desired, state, options.prune, this.box);
        const credentials = planCredentials(document, await loadCredentials(tx, parent.tenantId, state.consumers), options.prune, { box: this.box, passwords });
        const log = new ApplyLog();
        await this.execute(tx, parent, plan, credentials, log);
        if (options.dryRun || log.changes.length === 0) throw new RolledBack({ revision: revision - 1, dryRun: options.dryRun, changes: log.changes });
        return { result: { revision, dryRun: false, changes: log.changes }, audit: log.audit, scope: log.scope };
      }, { timeoutMs: applyTimeoutMs(objects) });
    } catch (err) {
      if (err instanceof RolledBack) return err.result;
      throw err;
    }
  }

  /** The tenant's credentials as they are now, read outside any transaction (for the scrypt work done before one). */
  private async credentialsOutside(tenant: string): Promise<CurrentCredential[]> {
    const { tenantId } = await IN_TENANT.resolve(this.prisma, { tenant });
    const consumers = await this.prisma.consumer.findMany({ where: { tenantId }, select: { id: true, username: true } });
    return loadCredentials(this.prisma, tenantId, consumers.map((c) => ({ id: c.id, key: c.username })));
  }

  /** Plugins' deletes first (nothing names a plugin), then creates and updates in SECTIONS order, then the other deletes, dependents first. */
  private async execute(tx: Tx, parent: TenantParent, plan: ApplyPlan, credentials: CredentialPlan, log: ApplyLog): Promise<void> {
    const writer = (spec: SectionSpec) => new SectionWriter(DEFINITIONS[spec.section], spec.kind, this.reader.stores[spec.section], parent, log);
    const deletes = async (section: DeclarativeSection) => {
      const p = plan[section];
      for (const d of p.deletes) await guarded(`${section} (${d.key})`, () => writer(p.spec).remove(tx, d.key, d.row));
    };
    await deletes('plugins');
    let certificateIds = new Map<string, string>();
    for (const spec of SECTIONS) {
      const p = plan[spec.section];
      if (spec.section === 'routes') {
        await guarded('routes', () => writeRoutes(tx, DEFINITIONS.routes, this.reader.stores.routes, parent, p, log));
        continue;
      }
      if (spec.section === 'consumers') {
        await guarded('consumers', () => writeConsumers(tx, DEFINITIONS.consumers, parent, p, log));
        // credentials once their consumers exist (credential-entries.ts decides which)
        await writeCredentials(tx, parent, credentials, log);
        continue;
      }
      const input = (entry: Entry) => toStoreInput(spec.section, entry, certificateIds);
      for (const item of p.creates) await guarded(item.path, () => writer(spec).create(tx, item.key, input(item.input)));
      for (const { item, current } of p.updates) await guarded(item.path, () => writer(spec).update(tx, item.key, current.row, input(item.input)));
      if (spec.section === 'certificates') certificateIds = await fingerprintIds(tx, parent.tenantId);
    }
    for (const section of ['consumers', 'consumerGroups', 'services', 'upstreams', 'certificates'] as const) await deletes(section);
  }
}

async function guarded(path: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    // bulk route and consumer errors already carry their entries' paths
    throw path === 'routes' || path === 'consumers' ? err : atEntry(err, path);
  }
}

async function currentRevision(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ revision: number }>>`SELECT revision FROM config_state WHERE id = 1`;
  return rows[0]?.revision ?? 0;
}

/** The tenant's credentials, each with its consumer's username (the document names consumers so). */
async function loadCredentials(tx: Tx, tenantId: string, consumers: ReadonlyArray<{ id: string; key: string }>): Promise<CurrentCredential[]> {
  const rows = await tx.credential.findMany({ where: { tenantId } });
  return currentCredentials(rows, new Map(consumers.map((c) => [c.id, c.key])));
}

/** The tenant's certificates by fingerprint (documents name them so), after the document's were written. */
async function fingerprintIds(tx: Tx, tenantId: string): Promise<Map<string, string>> {
  const rows = await tx.certificate.findMany({ where: { tenantId }, select: { id: true, cert: true } });
  return new Map(rows.map((r) => [leafFingerprint(r.cert) ?? r.id, r.id]));
}

/** A document entry as its store takes it: certificates by id again, a certificate's key in clear. */
function toStoreInput(section: DeclarativeSection, entry: Entry, certificateIds: ReadonlyMap<string, string>): object {
  const id = (fp: unknown) => (typeof fp === 'string' ? (certificateIds.get(fp) ?? fp) : undefined);
  switch (section) {
    case 'certificates':
      return { snis: entry.snis, cert: entry.cert, key: entry.key };
    case 'services': {
      const { clientCertificate, caCertificate, ...rest } = entry;
      return { ...rest, clientCertificateId: id(clientCertificate), caCertificateId: id(caCertificate) };
    }
    case 'plugins':
      return { ...entry, config: mapCaCertificates(String(entry.name), entry.config ?? {}, (fp) => certificateIds.get(fp)) };
    default:
      return entry;
  }
}
