import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../app-config';
import { isSpaRequest } from '../console/console-static';
import { errorMessage, log } from '../log';
import { mapError } from './error-mapping';

type ReplyWithFile = FastifyReply & { sendFile?: (file: string) => FastifyReply };

/** The single place errors become responses (Nest's and fastify's 404s and body-parser errors included). */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly config: AppConfig) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<ReplyWithFile>();
    const req = http.getRequest<FastifyRequest>();
    if (reply.sent || reply.raw.headersSent) return;
    const mapped = mapError(err);
    if (mapped.status === 404 && this.config.consoleEnabled && reply.sendFile && isSpaRequest(req.method, req.url)) {
      // client-side routes of the console: let the SPA render them
      reply.header('cache-control', 'no-cache');
      reply.sendFile('index.html');
      return;
    }
    if (mapped.unexpected) log.error(`${req.method} ${req.url.split('?')[0]} failed: ${errorMessage(err)}`);
    if (mapped.headers) reply.headers(mapped.headers);
    reply.status(mapped.status).header('content-type', 'application/json; charset=utf-8').send(mapped.body);
  }
}
