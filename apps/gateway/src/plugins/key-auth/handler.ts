import { keyAuthConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { authenticated, invalid, missing, quoted } from '../auth-common/replies';
import { headerValue, queryParam, withoutQueryParams } from '../auth-common/request-parts';
import type { AuthOutcome, AuthPluginInstance, PluginDefinition, PluginRequest } from '../types';
import { KeyIndex } from './key-index';

type KeyAuthConfig = PluginConfigOf<'key-auth'>;

/** No stored key is longer (the admin API caps keys at 512): a longer value is refused without hashing. */
const MAX_KEY_LENGTH = 1024;

/**
 * key-auth: an API key in one of `keyNames` headers (default `apikey`) or, with `keyInQuery`, query
 * parameters of the same names. Keys are looked up by sha256 in an index built at config time; an expired
 * key is invalid. `hideCredentials` removes the key from the headers and the query sent upstream.
 */
export const keyAuthPlugin: PluginDefinition<KeyAuthConfig> = {
  name: 'key-auth',
  priority: 1250,
  version: '1.0.0',
  schema: keyAuthConfigSchema,
  auth: true,
  create(config, env): AuthPluginInstance {
    const index = new KeyIndex(env.consumers);
    const challenge = `Key realm=${quoted('aya')}`;
    // node lowercases header names; query parameter names are matched as written
    const headerNames = config.keyNames.map((n) => n.toLowerCase());
    const queryNames = new Set(config.keyNames);

    const presentedKey = (r: PluginRequest): string | undefined => {
      for (const name of headerNames) {
        const v = headerValue(r.req.headers, name);
        if (v !== undefined) return v;
      }
      if (!config.keyInQuery) return undefined;
      for (const name of config.keyNames) {
        const v = queryParam(r.query, name);
        if (v !== undefined) return v;
      }
      return undefined;
    };

    return {
      anonymous: config.anonymous,
      authenticate(r): AuthOutcome {
        const key = presentedKey(r);
        if (key === undefined || key === '') return missing(challenge);
        if (key.length > MAX_KEY_LENGTH) return invalid(challenge, 'credentials-unknown');
        const found = index.lookup(key);
        if ('unknown' in found) return invalid(challenge, 'credentials-unknown');
        if ('expired' in found) return invalid(challenge, 'credentials-expired');
        if (config.hideCredentials) {
          for (const name of headerNames) r.upstreamHeaders.set(name, null);
          if (config.keyInQuery) r.upstreamQuery = withoutQueryParams(r.upstreamQuery ?? r.query, queryNames);
        }
        return authenticated(found.entry.consumer, found.entry.credentialId);
      },
    };
  },
};
