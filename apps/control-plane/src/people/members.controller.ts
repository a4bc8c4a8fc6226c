import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { TenantParam, ZodBody } from '../common/resource-params';
import { ListParam } from '../resources/list-param';
import type { ListQuery } from '../resources/list-query';
import { MEMBER_LIST } from './people-list';
import { MembersService, type MemberView } from './members.service';
import { memberAddSchema, memberUpdateSchema, type MemberAddBody, type MemberUpdateBody } from './people-schemas';

/** A tenant's members and their roles; `:user` is a user id, username or e-mail. */
@Controller('api/v1/tenants/:tenant/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Permission('members:read')
  list(@TenantParam() tenant: string, @ListParam(MEMBER_LIST) query: ListQuery): Promise<Page<MemberView> & { total: number }> {
    return this.members.list(tenant, query);
  }

  @Post()
  @Permission('members:write')
  add(@Actor() actor: Principal, @TenantParam() tenant: string, @ZodBody(memberAddSchema) body: MemberAddBody): Promise<MemberView> {
    return this.members.add(actor, tenant, body);
  }

  @Patch(':user')
  @Permission('members:write')
  update(@Actor() actor: Principal, @TenantParam() tenant: string, @Param('user') user: string, @ZodBody(memberUpdateSchema) body: MemberUpdateBody): Promise<MemberView> {
    return this.members.changeRole(actor, tenant, user, body.role);
  }

  @Delete(':user')
  @HttpCode(204)
  @Permission('members:write')
  remove(@Actor() actor: Principal, @TenantParam() tenant: string, @Param('user') user: string): Promise<void> {
    return this.members.remove(actor, tenant, user);
  }
}
