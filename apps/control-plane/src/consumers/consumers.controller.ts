import { Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  consumerCreateSchema,
  consumerGroupCreateSchema,
  consumerGroupUpdateSchema,
  consumerUpdateSchema,
  credentialCreateSchema,
  credentialUpdateSchema,
  type Consumer,
  type ConsumerCreate,
  type ConsumerGroup,
  type ConsumerGroupCreate,
  type Credential,
  type CredentialCreate,
  type CredentialUpdate,
  type Page,
} from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { ConsumerGroupsService } from './consumer-groups.service';
import { ConsumersService } from './consumers.service';
import { CredentialsService } from './credentials.service';

const ConsumerParam = (): ParameterDecorator => Param('consumer');

@Controller('api/v1/tenants/:tenant/consumers')
export class ConsumersController {
  constructor(private readonly consumers: ConsumersService) {}

  @Get() @Permission('consumers:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Consumer>> { return this.consumers.list(t, page); }

  @Get(':id') @Permission('consumers:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Consumer> { return this.consumers.get(t, id); }

  @Post() @Permission('consumers:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(consumerCreateSchema) b: ConsumerCreate): Promise<Consumer> { return this.consumers.create(a, t, b); }

  @Patch(':id') @Permission('consumers:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(consumerUpdateSchema) b: Partial<ConsumerCreate>): Promise<Consumer> { return this.consumers.update(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('consumers:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.consumers.remove(a, t, id); }
}

/** Credentials and groups use the consumers permissions. */
@Controller('api/v1/tenants/:tenant/consumers/:consumer/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get() @Permission('consumers:read')
  list(@TenantParam() t: string, @ConsumerParam() c: string, @PageParam() page: PageQuery): Promise<Page<Credential>> { return this.credentials.list(t, c, page); }

  @Get(':id') @Permission('consumers:read')
  get(@TenantParam() t: string, @ConsumerParam() c: string, @IdParam() id: string): Promise<Credential> { return this.credentials.get(t, c, id); }

  @Post() @Permission('consumers:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ConsumerParam() c: string, @ZodBody(credentialCreateSchema) b: CredentialCreate): Promise<Credential> { return this.credentials.create(a, t, c, b); }

  @Patch(':id') @Permission('consumers:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @ConsumerParam() c: string, @IdParam() id: string, @ZodBody(credentialUpdateSchema) b: CredentialUpdate): Promise<Credential> { return this.credentials.update(a, t, c, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('consumers:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @ConsumerParam() c: string, @IdParam() id: string): Promise<void> { return this.credentials.remove(a, t, c, id); }
}

@Controller('api/v1/tenants/:tenant/consumer-groups')
export class ConsumerGroupsController {
  constructor(private readonly groups: ConsumerGroupsService) {}

  @Get() @Permission('consumers:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<ConsumerGroup>> { return this.groups.list(t, page); }

  @Get(':id') @Permission('consumers:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<ConsumerGroup> { return this.groups.get(t, id); }

  @Post() @Permission('consumers:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(consumerGroupCreateSchema) b: ConsumerGroupCreate): Promise<ConsumerGroup> { return this.groups.create(a, t, b); }

  @Patch(':id') @Permission('consumers:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(consumerGroupUpdateSchema) b: Partial<ConsumerGroupCreate>): Promise<ConsumerGroup> { return this.groups.update(a, t, id, b); }

  @Delete(':id') @HttpCode(204) @Permission('consumers:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.groups.remove(a, t, id); }
}
