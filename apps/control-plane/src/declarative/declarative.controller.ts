import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { ConfigApplyResult, DeclarativeConfig } from '@aya/config-schema';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { ZodPipe } from '../common/zod.pipe';
import { ConfigDocumentPipe } from './config-document.pipe';
import { applyQuerySchema, type ApplyQuery } from './declarative-responses';
import { DeclarativeConfigService } from './declarative-config.service';

/** `Accept: application/yaml` (or text/yaml, application/x-yaml) asks for YAML; anything else gets JSON. */
const wantsYaml = (accept: string | undefined): boolean => /\b(application\/(x-)?yaml|text\/yaml)\b/i.test(accept ?? '');

/** A tenant's configuration as one document: `aya config dump|diff|apply`. */
@Controller('api/v1/tenants/:tenant/config')
export class DeclarativeController {
  constructor(private readonly config: DeclarativeConfigService) {}

  @Get()
  @Permission('config:read')
  async dump(@Param('tenant') tenant: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DeclarativeConfig | string> {
    const doc = await this.config.dump(tenant);
    if (!wantsYaml(accept)) return doc;
    void reply.header('content-type', 'application/yaml; charset=utf-8');
    return stringify(doc, { lineWidth: 0 });
  }

  @Post('apply')
  @HttpCode(200)
  @Permission('config:write')
  apply(
    @Actor() actor: Principal,
    @Param('tenant') tenant: string,
    @Query(new ZodPipe(applyQuerySchema)) query: ApplyQuery,
    @Body(new ConfigDocumentPipe()) document: DeclarativeConfig,
  ): Promise<ConfigApplyResult> {
    return this.config.apply(actor, tenant, document, { dryRun: query.dryRun, prune: query.prune });
  }
}
