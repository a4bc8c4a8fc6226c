import { Controller, Get, Param, Query } from '@nestjs/common';
import type { AuditLogEntry, Page } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { tenantIdsWith } from '../auth/tenant-access';
import { AuditReader } from './audit-reader';
import { parseAuditQuery } from './audit-query';

/** The audit log reader. Rows are written only by ConfigWriter.write (config-flow/config-writer.ts). */
@Controller('api/v1')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  /** One tenant's entries, newest first (`audit:read` in that tenant). */
  @Get('tenants/:tenant/audit')
  @Permission('audit:read')
  tenant(@Param('tenant') tenant: string, @Query() query: unknown): Promise<Page<AuditLogEntry>> {
    return this.reader.forTenant(tenant, parseAuditQuery(query, false));
  }

  /**
   * Across tenants: a superadmin reads every entry, deleted tenants' too; anyone else the entries of the tenants
   * where their role grants `audit:read` (the guard lets them in when one does).
   */
  @Get('audit')
  @Permission('audit:read')
  platform(@Actor() actor: Principal, @Query() query: unknown): Promise<Page<AuditLogEntry>> {
    return this.reader.forPlatform(tenantIdsWith(actor, 'audit:read'), parseAuditQuery(query, true));
  }
}
