import type { ErrorDetail } from '@aya/config-schema';
import { idOrKey } from '../common/id-or-name';
import type { Tx } from '../db/prisma';

/** A plugin's scope as ids; null = not scoped by that. */
export interface PluginScope {
  serviceId: string | null;
  routeId: string | null;
  consumerId: string | null;
}

/** Scope references as the admin API takes them: name (consumer: username) or id; null or absent = not set. */
export interface ScopeRefs {
  service?: string | null;
  route?: string | null;
  consumer?: string | null;
}

/** An id match wins over a name that happens to look like another row's id (as for every resource). */
function pick<R extends { id: string }>(rows: R[], ref: string): R | undefined {
  return rows.find((r) => r.id === ref.toLowerCase()) ?? rows[0];
}

const SCOPE_FIELDS = ['service', 'route', 'consumer'] as const;
const ID_FIELD = { service: 'serviceId', route: 'routeId', consumer: 'consumerId' } as const;

/**
 * Resolves each reference within the tenant. `current` supplies the scope of fields the input leaves out
 * (PATCH). Unknown references are returned as details on their field (400), all at once.
 */
export async function resolveScope(tx: Tx, tenantId: string, refs: ScopeRefs, current?: PluginScope): Promise<{ scope: PluginScope; problems: ErrorDetail[] }> {
  const select = { id: true } as const;
  const lookup = {
    service: (ref: string) => tx.service.findMany({ where: { tenantId, ...idOrKey(ref, 'name') }, select, take: 2 }),
    route: (ref: string) => tx.route.findMany({ where: { tenantId, ...idOrKey(ref, 'name') }, select, take: 2 }),
    consumer: (ref: string) => tx.consumer.findMany({ where: { tenantId, ...idOrKey(ref, 'username') }, select, take: 2 }),
  };
  const problems: ErrorDetail[] = [];
  const scope: PluginScope = { serviceId: current?.serviceId ?? null, routeId: current?.routeId ?? null, consumerId: current?.consumerId ?? null };
  for (const field of SCOPE_FIELDS) {
    const ref = refs[field];
    if (ref === undefined) continue;
    const row = ref === null ? undefined : pick(await lookup[field](ref), ref);
    if (ref !== null && !row) problems.push({ path: field, message: `${field} "${ref}" not found in this tenant` });
    scope[ID_FIELD[field]] = row?.id ?? null;
  }
  return { scope, problems };
}
