import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppConfig } from './app-config';
import { AuditReader } from './audit/audit-reader';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { SecretBox } from './certificates/secret-box';
import { ErrorFilter } from './common/error.filter';
import { TextSafetyPipe } from './common/text-safety.pipe';
import { ConfigEvents } from './config-flow/config-events';
import { ConfigReader } from './config-flow/config-reader';
import { ConfigWriter } from './config-flow/config-writer';
import { HistoryService } from './history/history.service';
import { RedisPublisher } from './config-flow/redis-publisher';
import { CONTROLLERS } from './controllers';
import { PRISMA, type Db } from './db/prisma';
import { DeclarativeConfigService } from './declarative/declarative-config.service';
import { TenantStateReader } from './declarative/tenant-state';
import { Metrics } from './metrics/metrics';
import { MembersService } from './people/members.service';
import { TokensService } from './people/tokens.service';
import { UsersService } from './people/users.service';
import { NodesService } from './nodes/nodes.service';
import { OverviewService } from './overview/overview.service';
import { buildOpenApi } from './openapi/openapi-builder';
import { OPENAPI_DOCUMENT } from './openapi/openapi.controller';
import { resourceProviders } from './resources/derive';
import { RESOURCES } from './resources/registry';
import { HealthHistoryService } from './upstreams/health-history.service';

/** Connections are created (and closed) by main.ts; the module only wires them in. */
export interface AppDeps {
  config: AppConfig;
  prisma: Db;
  redis: RedisPublisher;
  events: ConfigEvents;
  box: SecretBox;
}

@Module({})
export class AppModule {
  static register(deps: AppDeps): DynamicModule {
    return {
      module: AppModule,
      controllers: CONTROLLERS,
      providers: [
        { provide: AppConfig, useValue: deps.config },
        { provide: PRISMA, useValue: deps.prisma },
        { provide: RedisPublisher, useValue: deps.redis },
        { provide: ConfigEvents, useValue: deps.events },
        { provide: SecretBox, useValue: deps.box },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useClass: TextSafetyPipe },
        { provide: OPENAPI_DOCUMENT, useFactory: () => buildOpenApi(CONTROLLERS) },
        AuthService,
        LoginThrottle,
        Metrics,
        ConfigWriter,
        ConfigReader,
        HistoryService,
        NodesService,
        HealthHistoryService,
        OverviewService,
        TenantStateReader,
        DeclarativeConfigService,
        AuditReader,
        MembersService,
        TokensService,
        UsersService,
        ...resourceProviders(RESOURCES),
      ],
    };
  }
}
