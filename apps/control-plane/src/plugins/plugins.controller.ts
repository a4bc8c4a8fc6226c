import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { pluginCreateSchema, pluginUpdateSchema, type Page, type Plugin, type PluginCreate } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { PluginsService } from './plugins.service';
import { pluginSchemas, type PluginSchemaEntry } from './plugin-schemas';

type Input = PluginCreate;

@Controller('api/v1/tenants/:tenant/plugins')
export class PluginsController {
  constructor(private readonly plugins: PluginsService) {}

  @Get() @Permission('plugins:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Plugin>> { return this.plugins.list(t, page); }

  @Get(':id') @Permission('plugins:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Plugin> { return this.plugins.get(t, id); }

  @Post() @Permission('plugins:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(pluginCreateSchema) b: Input): Promise<Plugin> { return this.plugins.create(a, t, b); }

  @Patch(':id') @Permission('plugins:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(pluginUpdateSchema) b: Partial<Input>): Promise<Plugin> { return this.plugins.update(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('plugins:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.plugins.remove(a, t, id); }
}

/** `GET /api/v1/plugins/schemas`: every plugin's config schema (any signed-in user: every role reads). */
@Controller('api/v1/plugins')
export class PluginSchemasController {
  private readonly schemas = pluginSchemas();

  @Get('schemas') @Permission('plugins:read')
  list(): { plugins: PluginSchemaEntry[] } { return this.schemas; }
}
