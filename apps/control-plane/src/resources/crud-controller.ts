import { Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Res, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor.decorator';
import { Permission, type PermissionName, type Principal } from '../auth/permissions';
import type { PageQuery } from '../common/pagination';
import type { ListQuery } from './list-query';
import { PageParam, ZodBody } from '../common/resource-params';
import { ListParam } from './list-param';
import type { AnyResource, ExtraRoute, PathParams } from './resource-definition';
import { AnswersEtag } from './etag';
import type { CrudOperations, Tagged } from './resource-service';

/** DI token of a resource's ResourceService (built by resourceProviders). */
export const serviceToken = (def: AnyResource): string => `aya:resource:${def.name}`;


interface DerivedController {
  readonly service: CrudOperations;
  readonly providers: object[];
}

type Handler = (this: DerivedController, ...args: unknown[]) => Promise<unknown>;

/** The last two arguments of every handler but list: the `If-Match` header and the reply (ETag). */
const conditional = (): ParameterDecorator[] => [Headers('if-match'), Res({ passthrough: true })];

/** Answers the body and puts its resource's ETag on the reply. */
async function tagged(args: unknown[], result: Promise<Tagged<unknown>>): Promise<unknown> {
  const { body, etag } = await result;
  (args.at(-1) as FastifyReply).header('etag', etag);
  return body;
}

/** `If-Match` among a handler's arguments (the one before the reply). */
const ifMatch = (args: unknown[]): string | undefined => args.at(-2) as string | undefined;

const pascal = (s: string): string => s.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());

/** The OpenAPI tag of a resource's operations, as route-metadata reads it off the controller's name (`consumergroups`). */
export const operationTag = (def: AnyResource): string => pascal(def.name).toLowerCase();

/** Puts one handler on the class with its route, permission and argument decorators, as `@Get() @Permission()` would. */
function handler(
  cls: Type,
  name: string,
  route: MethodDecorator[],
  permission: PermissionName,
  args: ParameterDecorator[],
  fn: Handler,
): void {
  const proto = cls.prototype as object;
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(proto, name) as PropertyDescriptor;
  for (const decorate of [...route, Permission(permission)]) decorate(proto, name, descriptor);
  args.forEach((decorate, index) => decorate(proto, name, index));
}

/**
 * The admin controller of a resource, derived from its definition: list / get / create / replace (PUT, unless
 * `replace: false`) / update (PATCH) / remove under `<parent path>/<name>`, reads needing its read permission and writes its write
 * one, bodies parsed by its zod schemas; then its extra routes. Handlers keep the names the OpenAPI operation
 * ids are made of (`services.list`...), one argument per path parameter.
 */
export function deriveController(def: AnyResource): Type {
  const extras: ReadonlyArray<ExtraRoute<object>> = def.routes ?? [];
  class Derived implements DerivedController {
    readonly providers: object[];
    constructor(
      readonly service: CrudOperations,
      ...providers: object[]
    ) {
      this.providers = providers;
    }
  }
  Object.defineProperty(Derived, 'name', { value: `${pascal(def.name)}Controller` });
  Inject(serviceToken(def))(Derived, undefined, 0);
  extras.forEach((r, i) => Inject(r.provider)(Derived, undefined, i + 1));

  const parentNames = def.parent.params;
  const idName = def.idParam ?? 'id';
  const idPath = `:${idName}`;
  const parents = parentNames.map((p) => Param(p));
  const n = parentNames.length;
  /** the parent path parameters among a handler's arguments, from `from` on */
  const params = (args: unknown[], from: number): PathParams => Object.fromEntries(parentNames.map((p, i) => [p, String(args[from + i])]));
  const { read, write } = def.permissions;
  const body = ZodBody(def.schemas.create);

  handler(Derived, 'list', [Get()], read, [...parents, def.list ? ListParam(def.list) : PageParam(), Actor()], function (...a) {
    return this.service.list(params(a, 0), a[n] as PageQuery | ListQuery, a[n + 1] as Principal);
  });
  handler(Derived, 'get', [Get(idPath), AnswersEtag()], read, [...parents, Param(idName), ...conditional()], function (...a) {
    return tagged(a, this.service.get(params(a, 0), String(a[n])));
  });
  for (const r of extras) {
    const names = [...parentNames, ...(r.path.split('/').includes(idPath) ? [idName] : [])];
    const verb = r.method === 'get' ? Get(r.path) : Post(r.path);
    const index = extras.indexOf(r);
    handler(Derived, r.name, [verb], r.permission, names.map((p) => Param(p)), function (...a) {
      return r.call(this.providers[index] as object, Object.fromEntries(names.map((p, i) => [p, String(a[i])])));
    });
  }
  handler(Derived, 'create', [Post(), AnswersEtag()], write, [Actor(), ...parents, body, Res({ passthrough: true })], function (...a) {
    return tagged(a, this.service.create(a[0] as Principal, params(a, 1), a[n + 1] as object));
  });
  if (def.replace !== false) {
    handler(Derived, 'replace', [Put(idPath), AnswersEtag()], write, [Actor(), ...parents, Param(idName), body, ...conditional()], function (...a) {
      return tagged(a, this.service.replace(a[0] as Principal, params(a, 1), String(a[n + 1]), a[n + 2] as object, ifMatch(a)));
    });
  }
  handler(Derived, 'update', [Patch(idPath), AnswersEtag()], write, [Actor(), ...parents, Param(idName), ZodBody(def.schemas.patch), ...conditional()], function (...a) {
    return tagged(a, this.service.patch(a[0] as Principal, params(a, 1), String(a[n + 1]), a[n + 2] as object, ifMatch(a)));
  });
  // a 204 carries no ETag: the resource is gone
  handler(Derived, 'remove', [Delete(idPath), HttpCode(204), AnswersEtag()], write, [Actor(), ...parents, Param(idName), Headers('if-match')], function (...a) {
    return this.service.remove(a[0] as Principal, params(a, 1), String(a[n + 1]), a.at(-1) as string | undefined);
  });
  Controller(`${def.parent.path}/${def.name}`)(Derived);
  return Derived;
}
