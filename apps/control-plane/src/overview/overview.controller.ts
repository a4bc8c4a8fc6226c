import { Controller, Get, Param } from '@nestjs/common';
import type { TenantOverview } from '@aya/config-schema';
import { Permission } from '../auth/permissions';
import { OverviewService } from './overview.service';

/** The console's home dashboard of one tenant. */
@Controller('api/v1/tenants/:tenant/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /** `config:read`: every tenant role has it, as every role sees the dashboard. */
  @Get()
  @Permission('config:read')
  get(@Param('tenant') tenant: string): Promise<TenantOverview> {
    return this.overview.overview(tenant);
  }
}
