import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { validationFromZod } from './errors';

/** Validates a request body with a @aya/config-schema schema; 400 with field-level details otherwise. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw validationFromZod(parsed.error);
    return parsed.data;
  }
}
