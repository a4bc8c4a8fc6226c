import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { routeCreateSchema, routeUpdateSchema, type Page, type Route, type RouteCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { parsePageQuery } from '../common/pagination';
import { ZodPipe } from '../common/zod.pipe';
import { RoutesService } from './routes.service';

@Controller('api/v1/tenants/:tenant/routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get()
  @Permission('routes:read')
  list(@Param('tenant') tenant: string, @Query() query: Record<string, unknown>): Promise<Page<Route>> {
    return this.routes.list(tenant, parsePageQuery(query));
  }

  @Get(':id')
  @Permission('routes:read')
  get(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Route> {
    return this.routes.get(tenant, id);
  }

  @Post()
  @Permission('routes:write')
  create(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Body(new ZodPipe(routeCreateSchema)) body: RouteCreate,
  ): Promise<Route> {
    return this.routes.create(actor, tenant, body);
  }

  @Put(':id')
  @Permission('routes:write')
  replace(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(routeCreateSchema)) body: RouteCreate,
  ): Promise<Route> {
    return this.routes.update(actor, tenant, id, body, true);
  }

  @Patch(':id')
  @Permission('routes:write')
  update(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body(new ZodPipe(routeUpdateSchema)) body: Partial<RouteCreate>,
  ): Promise<Route> {
    return this.routes.update(actor, tenant, id, body, false);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('routes:write')
  remove(@Actor() actor: Principal, @Param('tenant') tenant: string, @Param('id') id: string): Promise<void> {
    return this.routes.remove(actor, tenant, id);
  }
}
