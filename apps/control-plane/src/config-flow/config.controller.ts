import { Controller, Get } from '@nestjs/common';
import type { ConfigRevisionInfo } from '@aya/config-schema';
import { Permission } from '../auth/permissions';
import { ConfigReader } from './config-reader';

@Controller('api/v1/config')
export class ConfigController {
  constructor(private readonly reader: ConfigReader) {}

  @Get('revision')
  @Permission('config:read')
  revision(): Promise<ConfigRevisionInfo> {
    return this.reader.current();
  }
}
