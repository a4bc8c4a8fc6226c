import { AuthController } from './auth/auth.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { ConfigController } from './config-flow/config.controller';
import { InternalController } from './config-flow/internal.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { NodesController } from './nodes/nodes.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { RoutesController } from './routes/routes.controller';
import { ServicesController } from './services/services.controller';
import { TenantsController } from './tenants/tenants.controller';
import { UpstreamsController } from './upstreams/upstreams.controller';

/** Every controller of the app (the permission test walks this list). */
export const CONTROLLERS = [
  HealthController,
  AuthController,
  TenantsController,
  ServicesController,
  RoutesController,
  UpstreamsController,
  CertificatesController,
  ConfigController,
  NodesController,
  InternalController,
  OpenApiController,
  MetricsController,
];
