import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { MembersController } from './people/members.controller';
import { TokensController } from './people/tokens.controller';
import { UsersController } from './people/users.controller';
import { PluginSchemasController } from './plugins/plugins.controller';
import { ConfigController } from './config-flow/config.controller';
import { InternalController } from './config-flow/internal.controller';
import { DeclarativeController } from './declarative/declarative.controller';
import { HealthController } from './health/health.controller';
import { HistoryController } from './history/history.controller';
import { MetricsController } from './metrics/metrics.controller';
import { NodesController } from './nodes/nodes.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { OverviewController } from './overview/overview.controller';
import { resourceControllers } from './resources/derive';
import { RESOURCES } from './resources/registry';
import { UpstreamHealthController } from './upstreams/upstream-health.controller';

/** Every controller of the app (the permission test walks this list); a registry resource's is derived from its entry. */
export const CONTROLLERS = [
  HealthController,
  AuthController,
  ...resourceControllers(RESOURCES),
  UpstreamHealthController,
  MembersController,
  TokensController,
  UsersController,
  PluginSchemasController,
  ConfigController,
  HistoryController,
  DeclarativeController,
  NodesController,
  OverviewController,
  AuditController,
  InternalController,
  OpenApiController,
  MetricsController,
];
