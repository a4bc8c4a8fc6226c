import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import type { ConfigDiff, Page, RevisionDetail, RevisionSummary, RollbackResult } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { diffQuerySchema, parseQuery, parseRevision, revisionsQuerySchema, tenantQuerySchema } from './history-query';
import { HistoryService } from './history.service';

/** Config history (history.service.ts): `/api/v1/config/revisions`, `/revisions/{n}`, `/diff`, `/revisions/{n}/rollback`. */
@Controller('api/v1/config')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('revisions')
  @Permission('config:read')
  revisions(@Actor() actor: Principal, @Query() query: unknown): Promise<Page<RevisionSummary>> {
    return this.history.list(actor, parseQuery(revisionsQuerySchema, query));
  }

  @Get('revisions/:n')
  @Permission('config:read')
  revision(@Actor() actor: Principal, @Param('n') n: string, @Query() query: unknown): Promise<RevisionDetail> {
    return this.history.get(actor, parseRevision(n), parseQuery(tenantQuerySchema, query).tenant);
  }

  @Get('diff')
  @Permission('config:read')
  diff(@Actor() actor: Principal, @Query() query: unknown): Promise<ConfigDiff> {
    return this.history.diff(actor, parseQuery(diffQuerySchema, query));
  }

  @Post('revisions/:n/rollback')
  @Permission('config:write')
  rollback(@Actor() actor: Principal, @Param('n') n: string, @Query() query: unknown): Promise<RollbackResult> {
    return this.history.rollback(actor, parseRevision(n), parseQuery(tenantQuerySchema, query).tenant);
  }
}
