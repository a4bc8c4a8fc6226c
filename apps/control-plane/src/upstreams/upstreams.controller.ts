import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { upstreamCreateSchema, upstreamUpdateSchema, type Page, type Upstream } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { parsePageQuery } from '../common/pagination';
import { ZodPipe } from '../common/zod.pipe';
import { UpstreamsService, type UpstreamInput } from './upstreams.service';

@Controller('api/v1/tenants/:tenant/upstreams')
export class UpstreamsController {
  constructor(private readonly upstreams: UpstreamsService) {}

  @Get()
  @Permission('upstreams:read')
  list(@Param('tenant') tenant: string, @Query() query: Record<string, unknown>): Promise<Page<Upstream>> {
    return this.upstreams.list(tenant, parsePageQuery(query));
  }

  @Get(':id')
  @Permission('upstreams:read')
  get(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Upstream> {
    return this.upstreams.get(tenant, id);
  }

  @Post()
  @Permission('upstreams:write')
  create(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Body(new ZodPipe(upstreamCreateSchema)) body: UpstreamInput,
  ): Promise<Upstream> {
    return this.upstreams.create(actor, tenant, body);
  }

  @Put(':id')
  @Permission('upstreams:write')
  replace(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(upstreamCreateSchema)) body: UpstreamInput,
  ): Promise<Upstream> {
    return this.upstreams.update(actor, tenant, id, body);
  }

  @Patch(':id')
  @Permission('upstreams:write')
  update(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(upstreamUpdateSchema)) body: Partial<UpstreamInput>,
  ): Promise<Upstream> {
    return this.upstreams.update(actor, tenant, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('upstreams:write')
  remove(@Actor() actor: Principal, @Param('tenant') tenant: string, @Param('id') id: string): Promise<void> {
    return this.upstreams.remove(actor, tenant, id);
  }
}
