import { GwErrorCode, ipRestrictionConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { errorBody, GW_ERROR_STATUS } from '../../proxy/errors';
import type { PluginDefinition, PluginReply, PluginRequest } from '../types';
import { compileAddressList } from './address-list';
import { resolveClientAddress } from './client-address';

type IpRestrictionConfig = PluginConfigOf<'ip-restriction'>;

/** The refusal: 403 AYA_GW_FORBIDDEN, or the configured status with the same coded body. */
function refusal(status: number, requestId: string): PluginReply {
  if (status === GW_ERROR_STATUS[GwErrorCode.FORBIDDEN]) return { code: GwErrorCode.FORBIDDEN };
  return {
    status,
    body: errorBody(GwErrorCode.FORBIDDEN, requestId),
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  };
}

/**
 * ip-restriction: allow / deny CIDR lists (IPv4 and IPv6). Deny wins over allow; with an allow list, an
 * address outside it is refused. The client address is the TCP peer, or, when the peer is one of
 * `trustedProxies`, the right-most X-Forwarded-For entry that is not a trusted proxy.
 */
export const ipRestrictionPlugin: PluginDefinition<IpRestrictionConfig> = {
  name: 'ip-restriction',
  priority: 1900,
  version: '1.0.0',
  schema: ipRestrictionConfigSchema,
  create(config) {
    const allow = config.allow === undefined ? undefined : compileAddressList(config.allow);
    const deny = config.deny === undefined ? undefined : compileAddressList(config.deny);
    const trusted = config.trustedProxies.length > 0 ? compileAddressList(config.trustedProxies) : undefined;
    return {
      access(r: PluginRequest) {
        const client = resolveClientAddress(r.clientIp, r.req.headers['x-forwarded-for'], trusted);
        if (client === undefined) return refusal(config.status, r.requestId);
        if (deny?.has(client) === true) return refusal(config.status, r.requestId);
        if (allow !== undefined && !allow.has(client)) return refusal(config.status, r.requestId);
        return undefined;
      },
    };
  },
};
