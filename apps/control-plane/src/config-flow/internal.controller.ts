import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { heartbeatSchema, type ConfigDelta, type Heartbeat, type RevisionNotice } from '@aya/config-schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Internal } from '../auth/permissions';
import { DeltaUnavailableError, validationFromZod } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { NodesService } from '../nodes/nodes.service';
import { ConfigEvents } from './config-events';
import { ConfigReader, DELTA_GONE } from './config-reader';

export const SSE_PING_MS = 15_000;
/** Query of the pulls; the OpenAPI document's parameters are generated from them. */
export const configQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() });
export const changesQuerySchema = z.object({ after: z.coerce.number().int().min(0) });

/** Gateway-facing endpoints (cluster token). */
@Controller('internal/v1')
export class InternalController {
  constructor(
    private readonly reader: ConfigReader,
    private readonly events: ConfigEvents,
    private readonly nodes: NodesService,
  ) {}

  @Get('config')
  @Internal()
  async config(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    const parsed = configQuerySchema.safeParse({ after: query.after });
    if (!parsed.success) throw validationFromZod(parsed.error, 'query');
    // a ConfigResponse, already serialised (built once per revision, see ConfigReader.newerThan)
    const body = await this.reader.newerThan(parsed.data.after);
    if (body === undefined) reply.status(204);
    else reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  @Get('config/changes')
  @Internal()
  async changes(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConfigDelta | undefined> {
    const parsed = changesQuerySchema.safeParse({ after: query.after });
    if (!parsed.success) throw validationFromZod(parsed.error, 'query');
    const delta = await this.reader.changesAfter(parsed.data.after);
    if (delta === DELTA_GONE) throw new DeltaUnavailableError(parsed.data.after);
    if (delta === undefined) reply.status(204);
    return delta;
  }

  @Get('config/events')
  @Internal()
  async stream(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const current = await this.reader.current();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (notice: RevisionNotice) => res.write(`event: revision\ndata: ${JSON.stringify(notice)}\n\n`);
    const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
    let closed = false;
    const cleanup = () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      unsubscribe();
      res.end();
    };
    const unsubscribe = this.events.subscribe(send, cleanup);
    req.raw.on('close', cleanup);
    res.on('error', cleanup);
    send(current);
  }

  @Post('nodes/heartbeat')
  @HttpCode(204)
  @Internal()
  async heartbeat(@Body(new ZodPipe(heartbeatSchema)) body: Heartbeat, @Req() req: FastifyRequest): Promise<void> {
    await this.nodes.record(body, req.ip);
  }
}
