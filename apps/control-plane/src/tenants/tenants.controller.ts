import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { tenantCreateSchema, tenantUpdateSchema, type Page, type Tenant, type TenantCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { parsePageQuery } from '../common/pagination';
import { ZodPipe } from '../common/zod.pipe';
import { TenantsService } from './tenants.service';

@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @Permission('tenants:read')
  list(@Query() query: Record<string, unknown>): Promise<Page<Tenant>> {
    return this.tenants.list(parsePageQuery(query));
  }

  @Get(':tenant')
  @Permission('tenants:read')
  get(@Param('tenant') tenant: string): Promise<Tenant> {
    return this.tenants.get(tenant);
  }

  @Post()
  @Permission('tenants:write')
  create(@Actor() actor: Principal, @Body(new ZodPipe(tenantCreateSchema)) body: TenantCreate): Promise<Tenant> {
    return this.tenants.create(actor, body);
  }

  @Put(':tenant')
  @Permission('tenants:write')
  replace(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Body(new ZodPipe(tenantCreateSchema)) body: TenantCreate,
  ): Promise<Tenant> {
    return this.tenants.update(actor, tenant, body);
  }

  @Patch(':tenant')
  @Permission('tenants:write')
  update(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Body(new ZodPipe(tenantUpdateSchema)) body: Partial<TenantCreate>,
  ): Promise<Tenant> {
    return this.tenants.update(actor, tenant, body);
  }

  @Delete(':tenant')
  @HttpCode(204)
  @Permission('tenants:write')
  remove(@Actor() actor: Principal, @Param('tenant') tenant: string): Promise<void> {
    return this.tenants.remove(actor, tenant);
  }
}
