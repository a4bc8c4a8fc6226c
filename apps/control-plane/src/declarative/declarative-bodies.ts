import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';

/** The apply route takes a whole tenant's config (10,000 routes and more): far above the 1 MiB of every other body. */
export const APPLY_BODY_LIMIT = 64 * 1024 * 1024;
const APPLY_URL = /^\/api\/v1\/tenants\/:tenant\/config\/apply\/?$/;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * YAML bodies (`application/yaml`, text/yaml, application/x-yaml) reach the apply route as text, which it parses
 * (config-document.pipe.ts); every other route answers them 415 as before. The apply route gets a larger limit
 * (a route's bodyLimit wins over the parsers').
 */
export function acceptConfigDocuments(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (req, body, done) => {
    if (APPLY_URL.test(req.routeOptions.url ?? '')) done(null, body);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(req.headers['content-type'])), undefined);
  });
  fastify.addHook('onRoute', (route) => {
    if (APPLY_URL.test(route.url)) route.bodyLimit = APPLY_BODY_LIMIT;
  });
}
