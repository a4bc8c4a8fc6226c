import { z } from 'zod';

/** Every stored resource's timestamps, as its response schema declares them. */
export const TIMESTAMPS = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

/** A list endpoint's body: one keyset page of items. */
export const pageOf = (item: z.ZodType) =>
  z.object({ data: z.array(item), next: z.string().nullable().describe('opaque cursor of the next page') });
