import { z } from 'zod';
import { hostPortSchema, nameSchema } from './common';

/** Load-balancing algorithms the gateway implements. */
export const ALGORITHMS = ['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const targetSchema = z.strictObject({
  target: hostPortSchema,
  /** 0 drains the target: no new requests, in-flight ones finish. */
  weight: z.number().int().min(0).max(1000).default(100),
});

export const upstreamCreateSchema = z.strictObject({
  name: nameSchema,
  algorithm: z.enum(ALGORITHMS).default('round-robin'),
  targets: z.array(targetSchema).max(1000).default([]),
});
export const upstreamUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  algorithm: z.enum(ALGORITHMS).optional(),
  targets: z.array(targetSchema).max(1000).optional(),
});
export type UpstreamCreate = z.input<typeof upstreamCreateSchema>;

export interface Target {
  target: string;
  weight: number;
}

export interface Upstream {
  id: string;
  name: string;
  algorithm: Algorithm;
  targets: Target[];
  createdAt: string;
  updatedAt: string;
}
