import { Controller, Get } from '@nestjs/common';
import type { GatewayNode } from '@aya/config-schema';
import { Permission } from '../auth/permissions';
import { NodesService } from './nodes.service';

@Controller('api/v1/nodes')
export class NodesController {
  constructor(private readonly nodes: NodesService) {}

  @Get()
  @Permission('nodes:read')
  list(): Promise<{ data: GatewayNode[] }> {
    return this.nodes.list();
  }
}
