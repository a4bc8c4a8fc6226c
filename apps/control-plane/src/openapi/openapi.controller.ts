import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '../auth/permissions';
import { renderDocsPage } from './docs-page';

/** DI token of the document, built once at start from the controllers (app.module.ts). */
export const OPENAPI_DOCUMENT = 'aya:openapi-document';

@Controller('api')
export class OpenApiController {
  private readonly page: string;

  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: object) {
    this.page = renderDocsPage(document);
  }

  @Get('openapi.json') @Public()
  openapi(): object { return this.document; }

  @Get('docs') @Public() @Header('content-type', 'text/html; charset=utf-8')
  docs(): string { return this.page; }
}
