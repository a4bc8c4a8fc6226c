import { OVERVIEW_RESOURCES, type TenantOverview } from '@aya/config-schema';
import { z } from 'zod';

const count = z.int().min(0);

/** The overview's body (see openapi/response-schemas.ts), typed by the contract's interface. */
const tenantOverview = z.object({
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  counts: z.object(Object.fromEntries(OVERVIEW_RESOURCES.map((r) => [r, count])) as Record<(typeof OVERVIEW_RESOURCES)[number], typeof count>),
  upstreamHealth: z
    .object({ targets: count, healthy: count, unhealthy: count, unknown: count })
    .describe('configured targets by the worst state a gateway that is not stale (AYA_NODE_STALE_AFTER_MS) reports; unknown: none reports it'),
  nodes: z
    .object({ total: count, inSync: count, drifting: count, stale: count })
    .describe('gateway nodes (shared by every tenant): in sync, seen recently at another revision (drifting), not seen recently (stale)'),
  recentChanges: z
    .array(
      z.object({
        id: z.uuid(),
        action: z.string(),
        resource: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
        actor: z.object({ kind: z.string(), name: z.string() }),
        revision: z.int().nullable(),
        createdAt: z.iso.datetime(),
      }),
    )
    .describe("the audit entries of the tenant's newest config writes (members and tokens left out), newest first"),
}) satisfies z.ZodType<TenantOverview>;

export const OVERVIEW_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { TenantOverview: tenantOverview };
export const OVERVIEW_OPERATION_RESPONSES: Record<string, string> = { 'overview.get': 'TenantOverview' };
