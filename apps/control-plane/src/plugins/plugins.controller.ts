import { Controller, Get } from '@nestjs/common';
import { Permission } from '../auth/permissions';
import { pluginSchemas, type PluginSchemaEntry } from './plugin-schemas';

/** `GET /api/v1/plugins/schemas` (the plugins' CRUD endpoints are derived: plugins.resource.ts): every plugin's config schema (any signed-in user: every role reads). */
@Controller('api/v1/plugins')
export class PluginSchemasController {
  private readonly schemas = pluginSchemas();

  @Get('schemas') @Permission('plugins:read')
  list(): { plugins: PluginSchemaEntry[] } { return this.schemas; }
}
