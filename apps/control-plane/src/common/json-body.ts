import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';

/**
 * `application/json` bodies as fastify parses them, except that an empty one is no body at all rather than a 400:
 * many HTTP clients send `Content-Type: application/json` on every request, DELETE and bodiless POST actions
 * included. Handlers that need a body still refuse a missing one (ZodPipe: 400 AYA_CP_VALIDATION).
 */
export function acceptEmptyJsonBodies(app: NestFastifyApplication, bodyLimit: number): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (req, body, done) => {
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    parseJson(req, body.toString('utf8'), done);
  });
}
