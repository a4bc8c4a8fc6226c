import { CERTIFICATES } from '../certificates/certificates.resource';
import { CONSUMER_GROUPS } from '../consumers/consumer-groups.resource';
import { CONSUMERS } from '../consumers/consumers.resource';
import { CREDENTIALS } from '../consumers/credentials.resource';
import { PLUGINS } from '../plugins/plugins.resource';
import { ROUTES } from '../routes/routes.resource';
import { SERVICES } from '../services/services.resource';
import { TENANTS } from '../tenants/tenants.resource';
import { UPSTREAMS } from '../upstreams/upstreams.resource';
import type { AnyResource } from './resource-definition';

/**
 * Every admin resource, one entry each (its definition lives in its own folder). Controllers, providers, OpenAPI
 * operations and response schemas, audit types and config scopes are derived from this list: see README.md.
 */
export const RESOURCES: readonly AnyResource[] = [TENANTS, SERVICES, ROUTES, UPSTREAMS, CERTIFICATES, CONSUMERS, CREDENTIALS, CONSUMER_GROUPS, PLUGINS];
