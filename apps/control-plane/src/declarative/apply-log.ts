import type { ConfigApplyChange } from '@aya/config-schema';
import { auditLabel, type AuditEntry } from '../audit/audit-row';
import type { ItemKey, SyncScope } from '../config-flow/config-index';
import type { Tx } from '../db/prisma';
import type { TenantParent } from '../resources/parents';
import type { AnyResource, ResourceRow, WriteAction } from '../resources/resource-definition';
import type { AnyTenantStore } from './tenant-state';

/** What one apply did: its changes, one audit entry per object, and the config items to rebuild (one sync for all). */
export class ApplyLog {
  readonly changes: ConfigApplyChange[] = [];
  readonly audit: AuditEntry[] = [];
  private readonly items = new Map<string, ItemKey>();
  private all = false;

  addScope(scope: SyncScope): void {
    if (scope === 'all') this.all = true;
    else for (const k of scope) this.items.set(`${k.kind}/${k.id}`, k);
  }

  get scope(): SyncScope {
    return this.all ? 'all' : [...this.items.values()];
  }

  /** One object written: its change, its audit entry and its own config item. */
  record(def: AnyResource, kind: ConfigApplyChange['kind'], parent: TenantParent, action: WriteAction, name: string, id: string, states: { before?: unknown; after?: unknown }): void {
    this.changes.push({ action, kind, name });
    const resourceName = auditLabel(def.key, states.after ?? states.before);
    this.audit.push({ tenantId: parent.tenantId, action, resourceType: def.kind, resourceId: id, resourceName, ...states });
    if (def.configKind) this.addScope([{ kind: def.configKind, id }]);
  }
}

/**
 * Writes one section's objects with the resource's own store and hooks, in the order the CRUD flow calls them
 * (resources/resource-service.ts), inside the apply's transaction: the same checks as the admin API, one revision.
 */
export class SectionWriter {
  constructor(
    private readonly def: AnyResource,
    private readonly kind: ConfigApplyChange['kind'],
    private readonly store: AnyTenantStore,
    private readonly parent: TenantParent,
    private readonly log: ApplyLog,
  ) {}

  async create(tx: Tx, name: string, input: object): Promise<void> {
    await this.store.prepareCreate?.(input);
    const row = await this.store.insertRow(tx, this.parent, input);
    await this.done(tx, 'create', name, row, { after: this.store.toDto(row) });
  }

  async update(tx: Tx, name: string, row: ResourceRow, input: object): Promise<void> {
    await this.store.beforeUpdate?.(tx, row, input);
    const updated = await this.store.updateRow(tx, this.parent, row, input, true);
    await this.done(tx, 'update', name, updated, { before: this.store.toDto(row), after: this.store.toDto(updated) });
  }

  async remove(tx: Tx, name: string, row: ResourceRow): Promise<void> {
    await this.store.beforeDelete?.(tx, row);
    this.log.addScope((await this.store.cascade?.(tx, row)) ?? []);
    await this.store.deleteRow(tx, row);
    await this.done(tx, 'delete', name, row, { before: this.store.toDto(row) });
  }

  private async done(tx: Tx, action: WriteAction, name: string, row: ResourceRow, states: { before?: unknown; after?: unknown }): Promise<void> {
    this.log.addScope((await this.store.alsoChanges?.(tx, this.parent, row, action)) ?? []);
    this.log.record(this.def, this.kind, this.parent, action, name, row.id, states);
  }
}
