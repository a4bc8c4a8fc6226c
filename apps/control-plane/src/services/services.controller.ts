import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { serviceCreateSchema, serviceUpdateSchema, type Page, type Service, type ServiceCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { patchSchema } from '../common/patch-schema';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { SERVICE_CORE_KEYS } from './service-mapper';
import { ServicesService } from './services.service';

/** PATCH body: option fields may also be null (clears them back to the default). */
const patchBody = patchSchema(serviceUpdateSchema, SERVICE_CORE_KEYS, 'ServiceUpdate');

type Input = ServiceCreate;

@Controller('api/v1/tenants/:tenant/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get() @Permission('services:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Service>> { return this.services.list(t, page); }

  @Get(':id') @Permission('services:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Service> { return this.services.get(t, id); }

  @Post() @Permission('services:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(serviceCreateSchema) b: Input): Promise<Service> { return this.services.create(a, t, b); }

  @Put(':id') @Permission('services:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(serviceCreateSchema) b: Input): Promise<Service> { return this.services.replace(a, t, id, b); }

  @Patch(':id') @Permission('services:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(patchBody) b: Partial<Input>): Promise<Service> { return this.services.patch(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('services:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.services.remove(a, t, id); }
}
