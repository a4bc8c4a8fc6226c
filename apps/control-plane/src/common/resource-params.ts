import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { parsePageQuery, type PageQuery } from './pagination';
import { ZodPipe } from './zod.pipe';

/** `?limit=&cursor=` of every list endpoint; 400 AYA_CP_VALIDATION when malformed. */
export class PageQueryPipe implements PipeTransform<unknown, PageQuery> {
  transform(value: unknown): PageQuery {
    return parsePageQuery(value);
  }
}

/** Shorthands that keep a resource controller at one line per endpoint. */
export const TenantParam = (): ParameterDecorator => Param('tenant');
export const IdParam = (): ParameterDecorator => Param('id');
export const PageParam = (): ParameterDecorator => Query(new PageQueryPipe());
export const ZodBody = (schema: z.ZodType): ParameterDecorator => Body(new ZodPipe(schema));
