import { basicAuthConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { DUMMY_PASSWORD_HASH } from '@aya/config-schema/secrets';
import { authenticated, invalid, missing, quoted } from '../auth-common/replies';
import { headerValue } from '../auth-common/request-parts';
import type { AuthOutcome, AuthPluginInstance, ConsumerIdentity, PluginDefinition } from '../types';
import { parseBasicHeader } from './basic-header';
import { VerifiedPasswords } from './verified-cache';

type BasicAuthConfig = PluginConfigOf<'basic-auth'>;

interface BasicEntry {
  readonly credentialId: string;
  readonly consumer: ConsumerIdentity;
  readonly passwordHash: string;
}

/**
 * basic-auth: `Authorization: Basic` checked against the tenant's basic-auth credentials (scrypt hashes).
 * A successful check is cached for a short time (see VerifiedPasswords) so a hot client does not pay
 * scrypt per request; an unknown user still pays one scrypt run so it cannot be told from a wrong password.
 */
export const basicAuthPlugin: PluginDefinition<BasicAuthConfig> = {
  name: 'basic-auth',
  priority: 1100,
  version: '1.0.0',
  schema: basicAuthConfigSchema,
  auth: true,
  create(config, env): AuthPluginInstance {
    const byUser = new Map<string, BasicEntry>();
    for (const c of env.consumers.credentials('basic-auth')) {
      const consumer = env.consumers.consumer(c.consumerId);
      if (consumer !== undefined && !byUser.has(c.username)) byUser.set(c.username, { credentialId: c.id, consumer, passwordHash: c.passwordHash });
    }
    const cache = env.shared.service('basic-auth:verified', () => new VerifiedPasswords());
    const challenge = `Basic realm=${quoted(config.realm)}, charset="UTF-8"`;
    return {
      anonymous: config.anonymous,
      async authenticate(r): Promise<AuthOutcome> {
        const parsed = parseBasicHeader(headerValue(r.req.headers, 'authorization'));
        if (parsed === undefined) return missing(challenge);
        if ('malformed' in parsed) return invalid(challenge, 'credentials-malformed');
        const entry = byUser.get(parsed.user);
        const ok = await cache.verify(parsed.user, parsed.password, entry?.passwordHash ?? DUMMY_PASSWORD_HASH);
        if (!ok || entry === undefined) return invalid(challenge, 'credentials-unknown');
        if (config.hideCredentials) r.upstreamHeaders.set('authorization', null);
        return authenticated(entry.consumer, entry.credentialId);
      },
    };
  },
};
