import { z } from 'zod';

/** Every stored resource's timestamps, as its response schema declares them. */
export const TIMESTAMPS = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

/** A list endpoint's body: one keyset page of items (and, for a searchable list, how many match in all). */
export const pageOf = (item: z.ZodType, withTotal = false) => {
  const page = z.object({ data: z.array(item), next: z.string().nullable().describe('opaque cursor of the next page') });
  return withTotal ? page.extend({ total: z.number().int().min(0).describe('rows matching q and the filters, over all pages') }) : page;
};
