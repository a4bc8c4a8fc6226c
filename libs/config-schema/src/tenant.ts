import { z } from 'zod';
import { slugSchema } from './common';

export const tenantCreateSchema = z.strictObject({
  slug: slugSchema,
  name: z.string().min(1).max(200),
});
export const tenantUpdateSchema = tenantCreateSchema.partial();
export type TenantCreate = z.infer<typeof tenantCreateSchema>;

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}
