import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { TenantParam, ZodBody } from '../common/resource-params';
import { ListParam } from '../resources/list-param';
import type { ListQuery } from '../resources/list-query';
import { TOKEN_LIST } from './people-list';
import { tokenCreateSchema, type TokenCreateBody } from './people-schemas';
import { TokensService, type TokenView } from './tokens.service';

/** A tenant's admin tokens for automation (`Authorization: Bearer ayat_...`). */
@Controller('api/v1/tenants/:tenant/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @Permission('tokens:read')
  list(@TenantParam() tenant: string, @ListParam(TOKEN_LIST) query: ListQuery): Promise<Page<TokenView> & { total: number }> {
    return this.tokens.list(tenant, query);
  }

  /** 201 with `token`: the only time it is shown. */
  @Post()
  @Permission('tokens:write')
  create(@Actor() actor: Principal, @TenantParam() tenant: string, @ZodBody(tokenCreateSchema) body: TokenCreateBody): Promise<TokenView & { token: string }> {
    return this.tokens.create(actor, tenant, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permission('tokens:write')
  revoke(@Actor() actor: Principal, @TenantParam() tenant: string, @Param('id') id: string): Promise<void> {
    return this.tokens.revoke(actor, tenant, id);
  }
}
