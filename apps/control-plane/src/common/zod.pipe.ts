import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationError, validationFromZod } from './errors';

/** Validates a request body with a @aya/config-schema schema; 400 with field-level details otherwise. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    // no body at all (none sent, or an empty one under Content-Type: application/json): every body here is required
    if (value === undefined) throw new ValidationError('request body is required', [{ path: '', message: 'required' }]);
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw validationFromZod(parsed.error);
    return parsed.data;
  }
}
