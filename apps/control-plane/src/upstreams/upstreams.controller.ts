import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { upstreamCreateSchema, upstreamUpdateSchema, type Page, type Upstream } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { patchSchema } from '../common/patch-schema';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { UPSTREAM_CORE_KEYS } from './upstream-mapper';
import type { TargetHealth } from './upstream-health';
import { UpstreamsService, type UpstreamInput } from './upstreams.service';

/** PATCH body: option fields may also be null (clears them back to the default). */
const patchBody = patchSchema(upstreamUpdateSchema, UPSTREAM_CORE_KEYS, 'UpstreamUpdate');

type Input = UpstreamInput;

@Controller('api/v1/tenants/:tenant/upstreams')
export class UpstreamsController {
  constructor(private readonly upstreams: UpstreamsService) {}

  @Get() @Permission('upstreams:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Upstream>> { return this.upstreams.list(t, page); }

  @Get(':id') @Permission('upstreams:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Upstream> { return this.upstreams.get(t, id); }

  @Get(':id/health') @Permission('upstreams:read')
  health(@TenantParam() t: string, @IdParam() id: string): Promise<{ data: TargetHealth[] }> { return this.upstreams.health(t, id); }

  @Post() @Permission('upstreams:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(upstreamCreateSchema) b: Input): Promise<Upstream> { return this.upstreams.create(a, t, b); }

  @Put(':id') @Permission('upstreams:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(upstreamCreateSchema) b: Input): Promise<Upstream> { return this.upstreams.replace(a, t, id, b); }

  @Patch(':id') @Permission('upstreams:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(patchBody) b: Partial<Input>): Promise<Upstream> { return this.upstreams.patch(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('upstreams:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.upstreams.remove(a, t, id); }
}
