import { buildContext } from '../config-flow/snapshot-builder';
import type { SnapshotEnv } from './resource-definition';

/** tenant id -> slug (every item names its tenant by slug); an unknown tenant is a SnapshotBuildError. */
export const slugOf = (env: SnapshotEnv): ((tenantId: string) => string) => buildContext(env.tenants, [], []).tenantSlug;
