import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { closeServer, listenOn } from './fixtures';

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback port 0, for the oidc plugin's tests:
 * discovery, JWKS, and JWT access tokens for the resource `audience` issued by the client_credentials grant.
 */
export interface TestOidcIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** an access token (JWT) for `clientId`, with the scopes asked for */
  token(clientId: string, scope?: string): Promise<string>;
  close(): Promise<void>;
}

export interface OidcClientSpec {
  readonly clientId: string;
  /** extra claims put in the access token (groups...) */
  readonly claims?: Record<string, unknown>;
}

const SECRET = 'test-client-secret-0123456789abcdef';

export async function startOidcIssuer(clients: readonly OidcClientSpec[], audience = 'https://api.test'): Promise<TestOidcIssuer> {
  // the issuer URL needs the port, the provider needs the issuer URL: the server delegates once it exists
  const app: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => app.handle?.(req, res));
  const port = await listenOn(server);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
  const extra = new Map(clients.map((c) => [c.clientId, c.claims ?? {}]));
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({ client_id: c.clientId, client_secret: SECRET, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
    jwks: { keys: [jwk] },
    ttl: { ClientCredentials: 600 },
    scopes: ['openid', 'read', 'write'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'read write', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx, token) => ('clientId' in token && typeof token.clientId === 'string' ? extra.get(token.clientId) : undefined),
  });
  app.handle = provider.callback();
  return {
    issuer,
    audience,
    async token(clientId, scope = 'read') {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource: audience }).toString(),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!res.ok || !body.access_token) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    close: () => closeServer(server),
  };
}
