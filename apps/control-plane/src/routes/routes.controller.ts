import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { routeCreateSchema, routeUpdateSchema, type Page, type Route, type RouteCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { patchSchema } from '../common/patch-schema';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { ROUTE_CORE_KEYS } from './route-mapper';
import { RoutesService } from './routes.service';

/** PATCH body: option fields may also be null (clears them back to the default). */
const patchBody = patchSchema(routeUpdateSchema, ROUTE_CORE_KEYS, 'RouteUpdate');

type Input = RouteCreate;

@Controller('api/v1/tenants/:tenant/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get() @Permission('routes:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Route>> { return this.routes.list(t, page); }

  @Get(':id') @Permission('routes:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Route> { return this.routes.get(t, id); }

  @Post() @Permission('routes:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(routeCreateSchema) b: Input): Promise<Route> { return this.routes.create(a, t, b); }

  @Put(':id') @Permission('routes:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(routeCreateSchema) b: Input): Promise<Route> { return this.routes.replace(a, t, id, b); }

  @Patch(':id') @Permission('routes:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(patchBody) b: Partial<Input>): Promise<Route> { return this.routes.patch(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('routes:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.routes.remove(a, t, id); }
}
