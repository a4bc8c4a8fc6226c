import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** A key id no cached key has triggers a refetch at most this often per URL (tokens with made-up kids cost nothing). */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000;
/** Keys are refetched when older than this even if every kid is known (keys removed upstream stop working). */
export const JWKS_MAX_AGE_MS = 10 * 60_000;
const JWKS_FETCH_TIMEOUT_MS = 5_000;

/**
 * Remote JWKS resolvers by URL, one per gateway process (PluginShared.service), so a config change keeps the
 * fetched keys. jose's resolver fetches on first use, caches, and refetches on an unknown `kid` after the
 * cooldown. Shared by the jwt (credential `jwksUrl`) and oidc (discovered `jwks_uri`) plugins.
 */
export class JwksCache {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  resolver(url: string): JWTVerifyGetKey {
    let set = this.sets.get(url);
    if (set === undefined) {
      set = createRemoteJWKSet(new URL(url), {
        cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
        cacheMaxAge: JWKS_MAX_AGE_MS,
        timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
      });
      this.sets.set(url, set);
    }
    return set;
  }
}

export const JWKS_SERVICE = 'jwks-cache';
