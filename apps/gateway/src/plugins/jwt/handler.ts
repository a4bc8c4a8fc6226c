import { jwtConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { gatewaySealKey } from '@aya/config-schema/secrets';
import { errorMessage } from '../../log';
import { authenticated, invalid, missing } from '../auth-common/replies';
import type { AuthOutcome, AuthPluginInstance, PluginDefinition, PluginShared } from '../types';
import { indexJwtCredentials } from './credential-keys';
import { jwksCacheOf } from './jwks-cache';
import { BEARER_CHALLENGE, BEARER_INVALID, findToken, hideToken, type TokenSources } from './token-source';
import { decodeUnverified, verifyToken, withinMaximumExpiration } from './verify';

type JwtConfig = PluginConfigOf<'jwt'>;

/** The seal key of the process's cluster token, derived once (HKDF) rather than per config change. */
function sealKeyOf(shared: PluginShared): Buffer {
  return shared.service('jwt:seal-key', () => gatewaySealKey(shared.clusterToken));
}

/**
 * jwt: a token (Bearer header, query parameter or cookie) whose `keyClaimName` claim (default `iss`) names a
 * jwt credential; it is then verified with THAT credential's key and algorithm only. exp / nbf with clock
 * skew, audiences, maximumExpirationSeconds. HS* secrets come sealed in the snapshot; public keys as PEM or
 * a JWKS URL (cached per process, refetched on an unknown kid, see JwksCache).
 */
export const jwtPlugin: PluginDefinition<JwtConfig> = {
  name: 'jwt',
  priority: 1450,
  version: '1.0.0',
  schema: jwtConfigSchema,
  auth: true,
  create(config, env): AuthPluginInstance {
    const { logger } = env.shared;
    const jwks = jwksCacheOf(env.shared);
    const byKey = indexJwtCredentials(env.consumers, sealKeyOf(env.shared), jwks, (msg, fields) => logger.warn(msg, { ...fields, plugin: 'jwt', instance: env.instanceId }));
    const sources: TokenSources = {
      headerNames: config.headerNames.map((n) => n.toLowerCase()),
      uriParamNames: config.uriParamNames,
      cookieNames: config.cookieNames,
    };
    return {
      anonymous: config.anonymous,
      async authenticate(r): Promise<AuthOutcome> {
        const token = findToken(r, sources);
        if (token === undefined || token === '') return missing(BEARER_CHALLENGE);
        const decoded = decodeUnverified(token);
        if ('reason' in decoded) return invalid(BEARER_INVALID, decoded.reason);
        const claim = decoded.payload[config.keyClaimName];
        const verifier = typeof claim === 'string' ? byKey.get(claim) : undefined;
        if (verifier === undefined) return invalid(BEARER_INVALID, 'credentials-unknown');
        const verified = await verifyToken(token, verifier.key, {
          algorithms: [verifier.algorithm],
          clockTolerance: config.clockSkewSeconds,
          audience: config.audiences.length > 0 ? config.audiences : undefined,
          requiredClaims: config.claimsToVerify,
        });
        if ('reason' in verified) {
          if (verified.unexpected !== undefined) logger.warn('jwt verification failed', { requestId: r.requestId, credential: verifier.credentialId, error: errorMessage(verified.unexpected) });
          return invalid(BEARER_INVALID, verified.reason);
        }
        if (!withinMaximumExpiration(verified.payload, config.maximumExpirationSeconds)) return invalid(BEARER_INVALID, 'claims-invalid');
        if (config.hideCredentials) hideToken(r, sources);
        return authenticated(verifier.consumer, verifier.credentialId);
      },
    };
  },
};
