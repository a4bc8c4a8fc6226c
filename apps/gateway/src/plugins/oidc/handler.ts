import { oidcConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { errorMessage } from '../../log';
import { authenticated, forbidden, invalid, missing, quoted } from '../auth-common/replies';
import { headerValue } from '../auth-common/request-parts';
import { jwksCacheOf } from '../jwt/jwks-cache';
import { BEARER_CHALLENGE, BEARER_INVALID, bearerToken } from '../jwt/token-source';
import { decodeUnverified, verifyToken } from '../jwt/verify';
import type { AuthOutcome, AuthPluginInstance, ConsumerIdentity, PluginDefinition } from '../types';
import { claimText, grantedScopes, stringList } from './claims';
import { discoveryUrlOf, OIDC_DISCOVERY_SERVICE, OidcDiscovery, type OidcMetadata } from './discovery';

type OidcConfig = PluginConfigOf<'oidc'>;

/** Access tokens are signed by the provider's private keys: an HMAC or `none` token is refused outright. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * oidc: bearer access tokens (JWT, RFC 9068) of an OpenID provider, verified against the JWKS its discovery
 * document names (iss, aud, exp / nbf with clock skew, asymmetric algorithms only). Every `scopesRequired`
 * scope must be granted, else 403. The `consumerClaim` claim names the consumer (username or customId); a
 * token for no known consumer is 401. `groupsClaim` values are added to the consumer's groups.
 */
export const oidcPlugin: PluginDefinition<OidcConfig> = {
  name: 'oidc',
  priority: 1400,
  version: '1.0.0',
  schema: oidcConfigSchema,
  auth: true,
  create(config, env): AuthPluginInstance {
    const { logger } = env.shared;
    const jwks = jwksCacheOf(env.shared);
    const discovery = env.shared.service(OIDC_DISCOVERY_SERVICE, () => new OidcDiscovery());
    const discoveryUrl = discoveryUrlOf(config.issuer, config.discoveryUrl);
    // fetched now so the first request does not wait for it; a failure is retried by the first request
    discovery.metadata(discoveryUrl, config.issuer).catch(() => undefined);
    const insufficient = `${BEARER_CHALLENGE}, error="insufficient_scope", scope=${quoted(config.scopesRequired.join(' '))}`;

    const consumerOf = (value: string): ConsumerIdentity | undefined => {
      if (config.consumerBy === 'customId') return env.consumers.consumerByCustomId(value);
      const c = env.consumers.consumer(value);
      // consumer() also finds by id: only a username match counts here
      return c?.username === value ? c : undefined;
    };

    return {
      anonymous: config.anonymous,
      async authenticate(r): Promise<AuthOutcome> {
        const token = bearerToken(headerValue(r.req.headers, 'authorization'));
        if (token === undefined || token === '') return missing(BEARER_CHALLENGE);
        const decoded = decodeUnverified(token);
        if ('reason' in decoded) return invalid(BEARER_INVALID, decoded.reason);
        let meta: OidcMetadata;
        try {
          meta = await discovery.metadata(discoveryUrl, config.issuer);
        } catch (err) {
          logger.warn('oidc discovery failed', { requestId: r.requestId, instance: env.instanceId, error: errorMessage(err) });
          return invalid(BEARER_INVALID, 'issuer-unavailable');
        }
        const verified = await verifyToken(token, jwks.resolver(meta.jwksUri), {
          algorithms: ASYMMETRIC,
          issuer: meta.issuer,
          clockTolerance: config.clockSkewSeconds,
          audience: config.audiences.length > 0 ? config.audiences : undefined,
          requiredClaims: ['exp'],
        });
        if ('reason' in verified) {
          if (verified.unexpected !== undefined) logger.warn('oidc verification failed', { requestId: r.requestId, instance: env.instanceId, error: errorMessage(verified.unexpected) });
          return invalid(BEARER_INVALID, verified.reason);
        }
        const granted = grantedScopes(verified.payload);
        if (!config.scopesRequired.every((s) => granted.has(s))) return forbidden(insufficient, 'scope-insufficient');
        const name = claimText(verified.payload[config.consumerClaim]);
        const consumer = name === undefined ? undefined : consumerOf(name);
        if (consumer === undefined) return invalid(BEARER_INVALID, 'consumer-unknown');
        const extra = config.groupsClaim === null ? [] : stringList(verified.payload[config.groupsClaim]);
        const groups = extra.length === 0 ? consumer.groups : [...new Set([...consumer.groups, ...extra])];
        if (config.hideCredentials) r.upstreamHeaders.set('authorization', null);
        return authenticated(groups === consumer.groups ? consumer : { ...consumer, groups }, undefined);
      },
    };
  },
};
