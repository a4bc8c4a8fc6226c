import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import { ZodBody } from '../common/resource-params';
import { ListParam } from '../resources/list-param';
import type { ListQuery } from '../resources/list-query';
import { USER_LIST } from './people-list';
import { userCreateSchema, userUpdateSchema, type UserCreateBody, type UserUpdateBody } from './people-schemas';
import { UsersService, type UserView } from './users.service';

/** Platform users (superadmins only: no tenant role grants users:*); `:user` is an id or username. Writes are audited (platform log). */
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('users:read')
  list(@ListParam(USER_LIST) query: ListQuery): Promise<Page<UserView> & { total: number }> {
    return this.users.list(query);
  }

  @Get(':user')
  @Permission('users:read')
  get(@Param('user') user: string): Promise<UserView> {
    return this.users.get(user);
  }

  @Post()
  @Permission('users:write')
  create(@Actor() actor: Principal, @ZodBody(userCreateSchema) body: UserCreateBody): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Patch(':user')
  @Permission('users:write')
  update(@Actor() actor: Principal, @Param('user') user: string, @ZodBody(userUpdateSchema) body: UserUpdateBody): Promise<UserView> {
    return this.users.update(actor, user, body);
  }

  @Delete(':user')
  @HttpCode(204)
  @Permission('users:write')
  remove(@Actor() actor: Principal, @Param('user') user: string): Promise<void> {
    return this.users.remove(actor, user);
  }
}
