import { HTTP_METHODS, type HttpMethod, type Route } from '@aya/config-schema';
import type { Route as RouteRow } from '../generated/prisma/client';

const isMethod = (v: string): v is HttpMethod => (HTTP_METHODS as readonly string[]).includes(v);

export type RouteRowWithService = RouteRow & { service: { name: string } };

export function toRoute(row: RouteRowWithService): Route {
  return {
    id: row.id,
    name: row.name,
    serviceId: row.serviceId,
    service: row.service.name,
    paths: row.paths,
    methods: (row.methods ?? []).filter(isMethod),
    hosts: row.hosts ?? [],
    stripPath: row.stripPath,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
