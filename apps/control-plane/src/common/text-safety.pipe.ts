import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationError } from './errors';
import { findUnstorableText } from './text-safety';

const WHAT: Partial<Record<ArgumentMetadata['type'], string>> = { body: 'request body', query: 'query', param: 'path' };

/**
 * Global pipe, run before each argument's own pipe: a body, query or path parameter holding text Postgres cannot
 * store (NUL, a lone surrogate) is a 400 naming the field, for every endpoint and every field at once, instead of
 * a 500 from the database halfway through a write.
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const what = WHAT[metadata.type];
    if (!what) return value; // custom decorators (the actor) carry no client text
    const details = findUnstorableText(value, metadata.data);
    if (details.length > 0) throw new ValidationError(`invalid ${what}`, details);
    return value;
  }
}
