import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JWTVerifyGetKey, type RemoteJWKSet } from 'jose';
import type { PluginShared } from '../types';

/** A key id no cached key has triggers a refetch at most this often per URL (tokens with made-up kids cost nothing). */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000;
/** Keys are refetched when older than this even if every kid is known (keys removed upstream stop working). */
export const JWKS_MAX_AGE_MS = 10 * 60_000;
/** After a failed fetch, requests do not fetch again for this long (an outage costs no request a timeout). */
export const JWKS_RETRY_MS = 5_000;
const JWKS_FETCH_TIMEOUT_MS = 5_000;

/** The key set could not be fetched and none was fetched before: nothing to verify with. */
export class JwksUnavailableError extends Error {
  readonly code = 'ERR_AYA_JWKS_UNAVAILABLE';
}

/** One URL's keys: jose's remote set, plus what it lacks, a memory of failed fetches. */
class RemoteKeys {
  private failedAt = Number.NEGATIVE_INFINITY;
  private readonly set: RemoteJWKSet;

  constructor(url: string) {
    this.set = createRemoteJWKSet(new URL(url), {
      cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
      cacheMaxAge: JWKS_MAX_AGE_MS,
      timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
      [customFetch]: async (resource, options) => {
        try {
          const res = await fetch(resource, options);
          if (res.status !== 200) this.failedAt = Date.now();
          return res;
        } catch (err) {
          this.failedAt = Date.now();
          throw err;
        }
      },
    });
  }

  /**
   * jose's resolver, except when the provider is down: within JWKS_RETRY_MS of a failed fetch no fetch is
   * tried, and the keys fetched before (even past their max age) keep verifying, as a provider outage must
   * not log everybody out. Without any keys: JwksUnavailableError.
   */
  readonly resolve: JWTVerifyGetKey = async (header, token) => {
    if (Date.now() - this.failedAt < JWKS_RETRY_MS) return this.stale(header, token);
    const before = this.failedAt;
    try {
      return await this.set(header, token);
    } catch (err) {
      if (this.failedAt !== before) return this.stale(header, token);
      throw err;
    }
  };

  private stale: JWTVerifyGetKey = (header, token) => {
    const keys = this.set.jwks();
    if (keys === undefined) throw new JwksUnavailableError('the JSON Web Key Set could not be fetched');
    return createLocalJWKSet(keys)(header, token);
  };
}

/**
 * Remote JWKS resolvers by URL, one per gateway process (PluginShared.service), so a config change keeps the
 * fetched keys. jose's resolver fetches on first use, caches, and refetches on an unknown `kid` after the
 * cooldown. Shared by the jwt (credential `jwksUrl`) and oidc (discovered `jwks_uri`) plugins.
 */
export class JwksCache {
  private readonly sets = new Map<string, RemoteKeys>();

  resolver(url: string): JWTVerifyGetKey {
    let keys = this.sets.get(url);
    if (keys === undefined) {
      keys = new RemoteKeys(url);
      this.sets.set(url, keys);
    }
    return keys.resolve;
  }
}

/** The process's JwksCache (jwt and oidc instances share it, across config changes). */
export function jwksCacheOf(shared: PluginShared): JwksCache {
  return shared.service('jwks-cache', () => new JwksCache());
}
