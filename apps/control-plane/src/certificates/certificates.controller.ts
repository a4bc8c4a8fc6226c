import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { certificateCreateSchema, certificateUpdateSchema, type Certificate, type CertificateCreate, type Page } from '@aya/config-schema';
import { Actor } from '../auth/actor.decorator';
import { Permission, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import { IdParam, PageParam, TenantParam, ZodBody } from '../common/resource-params';
import { CertificatesService } from './certificates.service';

type Input = CertificateCreate;

@Controller('api/v1/tenants/:tenant/certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get() @Permission('certificates:read')
  list(@TenantParam() t: string, @PageParam() page: PageQuery): Promise<Page<Certificate>> { return this.certificates.list(t, page); }

  @Get(':id') @Permission('certificates:read')
  get(@TenantParam() t: string, @IdParam() id: string): Promise<Certificate> { return this.certificates.get(t, id); }

  @Post() @Permission('certificates:write')
  create(@Actor() a: Principal, @TenantParam() t: string, @ZodBody(certificateCreateSchema) b: Input): Promise<Certificate> { return this.certificates.create(a, t, b); }

  @Put(':id') @Permission('certificates:write')
  replace(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(certificateCreateSchema) b: Input): Promise<Certificate> { return this.certificates.update(a, t, id, b, true); }

  @Patch(':id') @Permission('certificates:write')
  update(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string, @ZodBody(certificateUpdateSchema) b: Partial<Input>): Promise<Certificate> { return this.certificates.update(a, t, id, b, false); }

  @Delete(':id') @HttpCode(204) @Permission('certificates:write')
  remove(@Actor() a: Principal, @TenantParam() t: string, @IdParam() id: string): Promise<void> { return this.certificates.remove(a, t, id); }
}
