import type { Provider, Type } from '@nestjs/common';
import type { z } from 'zod';
import { ConfigWriter } from '../config-flow/config-writer';
import { PRISMA, type Db } from '../db/prisma';
import { deriveController, operationTag, serviceToken } from './crud-controller';
import type { AnyResource, ParentRef, ResourceRow, ResourceStore } from './resource-definition';
import { pageOf } from './response-fields';
import { ResourceService } from './resource-service';

type AnyStore = ResourceStore<ResourceRow, unknown, object, ParentRef>;

/** The admin controller of each resource. */
export const resourceControllers = (resources: readonly AnyResource[]): Type[] => resources.map(deriveController);

/** Each resource's store, the providers of its extra routes, and its ResourceService (under serviceToken). */
export function resourceProviders(resources: readonly AnyResource[]): Provider[] {
  return resources.flatMap((def): Provider[] => [
    def.store,
    ...(def.routes ?? []).map((r) => r.provider),
    {
      provide: serviceToken(def),
      inject: [PRISMA, ConfigWriter, def.store],
      useFactory: (prisma: Db, writer: ConfigWriter, store: AnyStore) => new ResourceService(def, prisma, writer, store),
    },
  ]);
}

/** Component name -> schema of every response body the resources answer. */
export function resourceResponseSchemas(resources: readonly AnyResource[]): Record<string, z.ZodType> {
  return Object.fromEntries(
    resources.flatMap((def) => [
      [def.responses.item.name, def.responses.item.schema],
      [`${def.responses.item.name}Page`, pageOf(def.responses.item.schema, def.list !== undefined)],
      ...(def.responses.created ? [[def.responses.created.name, def.responses.created.schema]] : []),
      ...(def.routes ?? []).map((r) => [r.response.name, r.response.schema]),
    ]),
  );
}

/** Operation id -> the component it answers with ('none': 204), for the six CRUD operations and the extra routes. */
export function resourceOperationResponses(resources: readonly AnyResource[]): Record<string, string> {
  return Object.fromEntries(
    resources.flatMap((def) => {
      const item = def.responses.item.name;
      const tag = operationTag(def);
      return [
        [`${tag}.list`, `${item}Page`],
        [`${tag}.get`, item],
        [`${tag}.create`, def.responses.created?.name ?? item],
        ...(def.replace === false ? [] : [[`${tag}.replace`, item]]),
        [`${tag}.update`, item],
        [`${tag}.remove`, 'none'],
        ...(def.routes ?? []).map((r) => [`${tag}.${r.name}`, r.response.name]),
      ];
    }),
  );
}
