import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './common/error-mapping';

/**
 * fastify's router answers some requests before Nest sees them (a malformed percent-encoding in the path: 400; a
 * path parameter over `maxParamLength`: 414), with a body of its own. They get the API's error body like any other.
 */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapError(error);
  void reply.status(mapped.status).header('content-type', 'application/json; charset=utf-8').send(mapped.body);
}
