import { corsConfigSchema, type PluginConfigOf } from '@aya/config-schema';
import { addVary, removeHeader, setHeader } from '../../response/header-list';
import type { PluginDefinition, PluginRequest } from '../types';
import { compileOrigins } from './origin-matcher';

type CorsConfig = PluginConfigOf<'cors'>;

/** The CORS headers the gateway owns on a route with this plugin (an upstream's own are replaced). */
const OWNED = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers'];

function isPreflight(r: PluginRequest): boolean {
  return r.method === 'OPTIONS' && r.req.headers['access-control-request-method'] !== undefined;
}

/**
 * cors: the gateway answers preflights (OPTIONS with Access-Control-Request-Method) with 204 unless
 * `preflightContinue`, and sets Access-Control-Allow-Origin (+ credentials, exposed headers) on every
 * response to an allowed origin, whoever answered it (upstream, another plugin, a gateway error, so a
 * browser can read a 401 or 429). An origin that does not match gets no CORS headers: the request still
 * goes through, the browser keeps the response from the page. With credentials the origin is echoed, never
 * `*` (browsers refuse `*` with credentials), and responses carry `Vary: Origin` so caches keep them apart.
 */
export const corsPlugin: PluginDefinition<CorsConfig> = {
  name: 'cors',
  priority: 2000,
  version: '1.0.0',
  schema: corsConfigSchema,
  create(config) {
    const origins = compileOrigins(config.origins);
    /** `*` answers every origin the same: no echo, no Vary */
    const star = origins.any && !config.credentials;
    const allowMethods = config.methods.map((m) => m.toUpperCase()).join(', ');
    const allowHeaders = config.headers.length > 0 ? config.headers.join(', ') : undefined;
    const exposeHeaders = config.exposedHeaders.length > 0 ? config.exposedHeaders.join(', ') : undefined;
    const maxAge = String(config.maxAgeSeconds);

    function allowedOrigin(r: PluginRequest): string | undefined {
      const origin = r.req.headers.origin;
      if (origin === undefined || !origins.matches(origin)) return undefined;
      return star ? '*' : origin;
    }

    return {
      access(r) {
        if (!isPreflight(r) || config.preflightContinue) return undefined;
        const headers: Record<string, string> = {};
        if (!star) headers.vary = 'Origin';
        const origin = allowedOrigin(r);
        if (origin === undefined) return { status: 204, headers };
        headers['access-control-allow-origin'] = origin;
        if (config.credentials) headers['access-control-allow-credentials'] = 'true';
        headers['access-control-allow-methods'] = allowMethods;
        const requested = r.req.headers['access-control-request-headers'];
        if (allowHeaders !== undefined) headers['access-control-allow-headers'] = allowHeaders;
        else if (requested !== undefined) {
          headers['access-control-allow-headers'] = requested;
          headers.vary = star ? 'Access-Control-Request-Headers' : 'Origin, Access-Control-Request-Headers';
        }
        headers['access-control-max-age'] = maxAge;
        return { status: 204, headers };
      },
      header(r, _status, headers) {
        // the preflight reply of access() already carries its headers
        if (isPreflight(r) && !config.preflightContinue) return;
        if (!star) addVary(headers, 'Origin');
        const origin = allowedOrigin(r);
        for (const name of OWNED) removeHeader(headers, name);
        if (origin === undefined) return;
        setHeader(headers, 'access-control-allow-origin', origin);
        if (config.credentials) setHeader(headers, 'access-control-allow-credentials', 'true');
        if (exposeHeaders !== undefined) setHeader(headers, 'access-control-expose-headers', exposeHeaders);
      },
    };
  },
};
