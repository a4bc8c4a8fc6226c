/** One gateway node as the control plane last heard from it (GET /api/v1/nodes). */
export interface GatewayNode {
  id: string;
  hostname: string;
  version: string;
  revision: number;
  hash: string;
  inSync: boolean;
  lastSeenAt: string;
}

export interface ConfigRevision {
  revision: number;
  hash: string;
}
