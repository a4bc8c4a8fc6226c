/** What the oidc plugin needs from a provider's discovery document. */
export interface OidcMetadata {
  readonly issuer: string;
  readonly jwksUri: string;
}

/** A failed discovery is retried after this long, not on every request while the provider is down. */
export const DISCOVERY_RETRY_MS = 5_000;
/** A discovered document is reused this long (providers move jwks_uri rarely; keys rotate within the JWKS). */
export const DISCOVERY_MAX_AGE_MS = 60 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

async function fetchMetadata(url: string, expectedIssuer: string): Promise<OidcMetadata> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`discovery ${url} answered ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof doc.issuer !== 'string' || typeof doc.jwks_uri !== 'string') throw new Error(`discovery ${url}: no issuer or jwks_uri`);
  // OpenID Connect Discovery 4.3: the document's issuer MUST be the one it was looked up for
  if (!sameIssuer(doc.issuer, expectedIssuer)) throw new Error(`discovery ${url}: issuer ${doc.issuer} is not ${expectedIssuer}`);
  return { issuer: doc.issuer, jwksUri: new URL(doc.jwks_uri).href };
}

interface Entry {
  readonly at: number;
  readonly result: Promise<OidcMetadata>;
  failed: boolean;
}

/**
 * Discovery documents by URL, one cache per gateway process (PluginShared.service): fetched on first use,
 * shared by every oidc instance naming the same provider, kept across config changes.
 */
export class OidcDiscovery {
  private readonly entries = new Map<string, Entry>();

  metadata(url: string, expectedIssuer: string, nowMs = Date.now()): Promise<OidcMetadata> {
    const key = `${url}\n${expectedIssuer}`;
    const hit = this.entries.get(key);
    if (hit !== undefined && nowMs - hit.at < (hit.failed ? DISCOVERY_RETRY_MS : DISCOVERY_MAX_AGE_MS)) return hit.result;
    const entry: Entry = { at: nowMs, result: fetchMetadata(url, expectedIssuer), failed: false };
    entry.result.catch(() => (entry.failed = true));
    this.entries.set(key, entry);
    return entry.result;
  }
}

export const OIDC_DISCOVERY_SERVICE = 'oidc-discovery';

export function discoveryUrlOf(issuer: string, override: string | null): string {
  return override ?? `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
