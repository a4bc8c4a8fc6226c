import { RequestMethod, type Type } from '@nestjs/common';
import type { z } from 'zod';
import { INTERNAL_KEY, PERMISSION_KEY, PUBLIC_KEY, type PermissionName } from '../auth/permissions';
import { PageQueryPipe } from '../common/resource-params';
import { ZodPipe } from '../common/zod.pipe';
import { ETAG_KEY } from '../resources/etag';
import { ListQueryPipe } from '../resources/list-param';

// Where Nest keeps what its decorators declare (constants of @nestjs/common, not exported from its root).
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const HTTP_CODE_METADATA = '__httpCode__';
const ROUTE_ARGS_METADATA = '__routeArguments__';
const BODY_PARAM = 3;
const QUERY_PARAM = 4;

export type Access = { kind: 'public' } | { kind: 'internal' } | { kind: 'permission'; permission: PermissionName };

/** One endpoint as the controllers declare it. */
export interface Operation {
  /** `<tag>.<handler>`, e.g. `services.list` */
  id: string;
  tag: string;
  method: string;
  /** OpenAPI form: `/api/v1/tenants/{tenant}/services` */
  path: string;
  pathParams: string[];
  access: Access;
  status: number;
  body?: z.ZodType;
  /** answers with an `ETag` and, when it writes, honours `If-Match` (resources/etag.ts) */
  etag: boolean;
  paged: boolean;
  /** the query parameters of a searchable list (`?q=&sort=`...), beyond `limit` and `cursor` */
  listQuery?: z.ZodObject;
}

interface RouteArg {
  index: number;
  pipes?: unknown[];
}

const joinPath = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

function accessOf(fn: object): Access {
  if (Reflect.getMetadata(PUBLIC_KEY, fn) === true) return { kind: 'public' };
  if (Reflect.getMetadata(INTERNAL_KEY, fn) === true) return { kind: 'internal' };
  return { kind: 'permission', permission: Reflect.getMetadata(PERMISSION_KEY, fn) as PermissionName };
}

function argPipes(args: Record<string, RouteArg>, paramType: number): unknown[] {
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(paramType))
    .flatMap(([, arg]) => arg.pipes ?? []);
}

/** Every handler of the controllers, in declaration order, read from the metadata Nest routes by. */
export function readOperations(controllers: readonly Type[]): Operation[] {
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const tag = controller.name.replace(/Controller$/, '').toLowerCase();
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((key) => key !== 'constructor' && typeof proto[key] === 'function')
      .filter((key) => Reflect.getMetadata(PATH_METADATA, proto[key] as object) !== undefined)
      .map((key): Operation => {
        const fn = proto[key] as object;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        const nestPath = joinPath(base, String(Reflect.getMetadata(PATH_METADATA, fn)));
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, RouteArg>;
        const body = argPipes(args, BODY_PARAM).find((p): p is ZodPipe<z.ZodType> => p instanceof ZodPipe);
        const code = Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined;
        return {
          id: `${tag}.${key}`,
          tag,
          method: method.toLowerCase(),
          path: nestPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
          pathParams: [...nestPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
          access: accessOf(fn),
          status: code ?? (method === 'POST' ? 201 : 200),
          body: body?.schema,
          etag: Reflect.getMetadata(ETAG_KEY, fn) === true,
          paged: argPipes(args, QUERY_PARAM).some((p) => p instanceof PageQueryPipe || p instanceof ListQueryPipe),
          listQuery: argPipes(args, QUERY_PARAM).find((p): p is ListQueryPipe => p instanceof ListQueryPipe)?.schema,
        };
      });
  });
}
