import { Controller, Get, Param, Query } from '@nestjs/common';
import type { UpstreamHealthBatch } from '@aya/config-schema';
import { z } from 'zod';
import { Permission } from '../auth/permissions';
import { validationFromZod } from '../common/errors';
import { UpstreamHealthReader } from './upstream-health.reader';

/** Ids one call takes: a console list page (50) and then some, in a URL well under the 16 KiB request head limit. */
export const HEALTH_BATCH_MAX = 100;

/** `?ids=a,b,c` */
export const upstreamHealthQuerySchema = z.strictObject({
  ids: z
    .string()
    .transform((v) => v.split(',').map((id) => id.trim().toLowerCase()))
    .pipe(z.array(z.uuid()).min(1).max(HEALTH_BATCH_MAX))
    .describe(`comma-separated upstream ids (up to ${HEALTH_BATCH_MAX}: a list page); ids of no upstream of this tenant are left out of the answer`),
});

/**
 * `GET /api/v1/tenants/{tenant}/upstream-health?ids=`: the health of a list page's upstreams in one call (a poll
 * per row was 50 requests every few seconds). Not under `/upstreams/`: `upstreams/health` would hide an upstream
 * named "health".
 */
@Controller('api/v1/tenants/:tenant/upstream-health')
export class UpstreamHealthController {
  constructor(private readonly reader: UpstreamHealthReader) {}

  @Get()
  @Permission('upstreams:read')
  batch(@Param('tenant') tenant: string, @Query() query: unknown): Promise<UpstreamHealthBatch> {
    const parsed = upstreamHealthQuerySchema.safeParse(query ?? {});
    if (!parsed.success) throw validationFromZod(parsed.error, 'query');
    return this.reader.batch(tenant, parsed.data.ids);
  }
}
