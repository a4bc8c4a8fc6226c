import { ALGORITHMS, upstreamCreateSchema, upstreamUpdateSchema, type Upstream } from '@aya/config-schema';
import { z } from 'zod';
import { patchSchema } from '../common/patch-schema';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource, extraRoute } from '../resources/resource-definition';
import { upstreamHealthSchema } from './upstream-health-responses';
import { UpstreamHealthReader } from './upstream-health.reader';
import { UPSTREAM_CORE_KEYS } from './upstream-mapper';
import { UPSTREAMS_SNAPSHOT } from './upstreams.snapshot';
import { UpstreamsStore } from './upstreams.store';

const view: z.ZodType<Upstream> = upstreamCreateSchema.omit({ name: true, algorithm: true, targets: true }).extend({
  id: z.uuid(),
  name: z.string(),
  algorithm: z.enum(ALGORITHMS),
  targets: z.array(z.object({ target: z.string(), weight: z.int() })),
  ...TIMESTAMPS,
});

/** `/api/v1/tenants/{tenant}/upstreams`: load-balanced target pools services address as `upstream://<name>`. */
export const UPSTREAMS = defineResource({
  name: 'upstreams',
  kind: 'upstream',
  configKind: 'upstream',
  snapshot: UPSTREAMS_SNAPSHOT,
  key: 'name',
  parent: IN_TENANT,
  permissions: { read: 'upstreams:read', write: 'upstreams:write' },
  // PATCH: option fields may also be null (clears them back to the default)
  schemas: { create: upstreamCreateSchema, patch: patchSchema(upstreamUpdateSchema, UPSTREAM_CORE_KEYS, 'UpstreamUpdate') },
  responses: { item: { name: 'Upstream', schema: view } },
  store: UpstreamsStore,
  list: { table: 'upstreams', search: { name: 'text', targets: 'jsonb' }, searchDescription: 'the name or a target (host:port)', sort: { name: 'text', algorithm: 'text', updatedAt: 'timestamptz' } },
  routes: [
    extraRoute({
      name: 'health',
      method: 'get',
      path: ':id/health',
      permission: 'upstreams:read',
      response: { name: 'UpstreamHealth', schema: upstreamHealthSchema },
      provider: UpstreamHealthReader,
      call: (reader, p) => reader.health(p.tenant ?? '', p.id ?? ''),
    }),
  ],
});
