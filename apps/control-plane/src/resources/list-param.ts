import { Query, type PipeTransform } from '@nestjs/common';
import { listQuerySchema, parseListQuery, type ListQuery, type ListSpec } from './list-query';

/** `?limit=&cursor=&q=&sort=&<filter>=` of a resource list with a ListSpec; 400 AYA_CP_VALIDATION when malformed. */
export class ListQueryPipe implements PipeTransform<unknown, ListQuery> {
  /** the accepted parameters: the OpenAPI document lists them */
  readonly schema: ReturnType<typeof listQuerySchema>;

  constructor(readonly spec: ListSpec) {
    this.schema = listQuerySchema(spec);
  }

  transform(value: unknown): ListQuery {
    return parseListQuery(this.spec, value);
  }
}

export const ListParam = (spec: ListSpec): ParameterDecorator => Query(new ListQueryPipe(spec));
