import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Permission } from '../auth/permissions';
import { Metrics } from './metrics';

/** Prometheus scrape endpoint: any admin session, the admin token, or AYA_METRICS_TOKEN (which grants nothing else). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Permission('metrics:read')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('content-type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
