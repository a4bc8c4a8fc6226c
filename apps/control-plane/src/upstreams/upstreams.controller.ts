import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { upstreamCreateSchema, upstreamUpdateSchema, type Page, type Upstream } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { UpstreamsService, type UpstreamInput } from './upstreams.service';

type Input = UpstreamInput;

@Controller('api/v1/tenants/:tenant/upstreams')
export class UpstreamsController {
  constructor(private readonly upstreams: UpstreamsService) {}

  @Get() @Permission('upstreams:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Upstream>> { return this.upstreams.list(t, page); }

  @Get(':id') @Permission('upstreams:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Upstream> { return this.upstreams.get(t, id); }

  @Post() @Permission('upstreams:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(upstreamCreateSchema) b: Input): Promise<Upstream> { return this.upstreams.create(a, t, b); }

  @Put(':id') @Permission('upstreams:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(upstreamCreateSchema) b: Input): Promise<Upstream> { return this.upstreams.replace(a, t, id, b); }

  @Patch(':id') @Permission('upstreams:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(upstreamUpdateSchema) b: Partial<Input>): Promise<Upstream> { return this.upstreams.patch(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('upstreams:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.upstreams.remove(a, t, id); }
}
