import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import type { Page } from '@aya/config-schema';
import { Permission } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { PageParam, ZodBody } from '../common/resource-params';
import { userCreateSchema, userUpdateSchema, type UserCreateBody, type UserUpdateBody } from './people-schemas';
import { UsersService, type UserView } from './users.service';

/** Platform users (superadmins only: no tenant role grants users:*); `:user` is an id or username. */
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('users:read')
  list(@PageParam() page: PageQuery): Promise<Page<UserView>> {
    return this.users.list(page);
  }

  @Get(':user')
  @Permission('users:read')
  get(@Param('user') user: string): Promise<UserView> {
    return this.users.get(user);
  }

  @Post()
  @Permission('users:write')
  create(@ZodBody(userCreateSchema) body: UserCreateBody): Promise<UserView> {
    return this.users.create(body);
  }

  @Patch(':user')
  @Permission('users:write')
  update(@Param('user') user: string, @ZodBody(userUpdateSchema) body: UserUpdateBody): Promise<UserView> {
    return this.users.update(user, body);
  }

  @Delete(':user')
  @HttpCode(204)
  @Permission('users:write')
  remove(@Param('user') user: string): Promise<void> {
    return this.users.remove(user);
  }
}
