import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { tenantCreateSchema, tenantUpdateSchema, type Page, type Tenant, type TenantCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { TenantsService } from './tenants.service';

type Input = TenantCreate;

@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get() @Permission('tenants:read')
  list(@PageParam() page: PageQuery): Promise<Page<Tenant>> { return this.tenants.list(page); }

  @Get(':tenant') @Permission('tenants:read')
  get(@TenantParam() t: string): Promise<Tenant> { return this.tenants.get(t); }

  @Post() @Permission('tenants:write')
  create(@Actor() a: Principal, @ZodBody(tenantCreateSchema) b: Input): Promise<Tenant> { return this.tenants.create(a, b); }

  @Put(':tenant') @Permission('tenants:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(tenantCreateSchema) b: Input): Promise<Tenant> { return this.tenants.update(a, t, b); }

  @Patch(':tenant') @Permission('tenants:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(tenantUpdateSchema) b: Partial<Input>): Promise<Tenant> { return this.tenants.update(a, t, b); }

  @Delete(':tenant') @HttpCode(204) @Permission('tenants:write')
  remove(@Actor() a: Principal, @TenantParam() t: string): Promise<void> { return this.tenants.remove(a, t); }
}
