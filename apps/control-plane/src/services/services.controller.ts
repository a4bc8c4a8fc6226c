import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { serviceCreateSchema, serviceUpdateSchema, type Page, type Service, type ServiceCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { parsePageQuery } from '../common/pagination';
import { ZodPipe } from '../common/zod.pipe';
import { ServicesService } from './services.service';

@Controller('api/v1/tenants/:tenant/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @Permission('services:read')
  list(@Param('tenant') tenant: string, @Query() query: Record<string, unknown>): Promise<Page<Service>> {
    return this.services.list(tenant, parsePageQuery(query));
  }

  @Get(':id')
  @Permission('services:read')
  get(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Service> {
    return this.services.get(tenant, id);
  }

  @Post()
  @Permission('services:write')
  create(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Body(new ZodPipe(serviceCreateSchema)) body: ServiceCreate,
  ): Promise<Service> {
    return this.services.create(actor, tenant, body);
  }

  @Put(':id')
  @Permission('services:write')
  replace(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(serviceCreateSchema)) body: ServiceCreate,
  ): Promise<Service> {
    return this.services.update(actor, tenant, id, body, true);
  }

  @Patch(':id')
  @Permission('services:write')
  update(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(serviceUpdateSchema)) body: Partial<ServiceCreate>,
  ): Promise<Service> {
    return this.services.update(actor, tenant, id, body, false);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('services:write')
  remove(@Actor() actor: Principal, @Param('tenant') tenant: string, @Param('id') id: string): Promise<void> {
    return this.services.remove(actor, tenant, id);
  }
}
