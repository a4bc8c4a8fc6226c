import { aclConfigSchema, GwErrorCode, type PluginConfigOf } from '@aya/config-schema';
import type { PluginDefinition, PluginReply } from '../types';

type AclConfig = PluginConfigOf<'acl'>;

const FORBIDDEN: PluginReply = { code: GwErrorCode.FORBIDDEN };
/** As Kong: acl on a request no auth plugin authenticated is 401 (it cannot tell who is asking). */
const UNAUTHENTICATED: PluginReply = { code: GwErrorCode.UNAUTHORIZED };

/**
 * acl: allow or deny by the authenticated consumer's groups (an anonymous fallback consumer counts with its
 * own groups). `deny`: a consumer in any listed group is refused. `allow`: only consumers in at least one
 * listed group pass. Refusal is 403 AYA_GW_FORBIDDEN; no consumer at all is 401 AYA_GW_UNAUTHORIZED.
 */
export const aclPlugin: PluginDefinition<AclConfig> = {
  name: 'acl',
  priority: 950,
  version: '1.0.0',
  schema: aclConfigSchema,
  create(config) {
    const allow = config.allow === undefined ? undefined : new Set(config.allow);
    const deny = config.deny === undefined ? undefined : new Set(config.deny);
    return {
      access(r) {
        const consumer = r.consumer;
        if (consumer === undefined) return UNAUTHENTICATED;
        if (deny !== undefined && consumer.groups.some((g) => deny.has(g))) return FORBIDDEN;
        if (allow !== undefined && !consumer.groups.some((g) => allow.has(g))) return FORBIDDEN;
        if (config.hideGroupsHeader) r.upstreamHeaders.set('x-consumer-groups', null);
        return undefined;
      },
    };
  },
};
