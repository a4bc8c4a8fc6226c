import { z } from 'zod';
import { hostPortSchema, nameSchema } from './common';
import { circuitBreakerSchema, healthChecksSchema } from './upstream-health';

export * from './upstream-health';

/** Load-balancing algorithms the gateway implements (one file each in apps/gateway/src/balancer). */
export const ALGORITHMS = [
  'round-robin',
  'weighted-round-robin',
  'least-connections',
  'weighted-least-connections',
  'ip-hash',
  'consistent-hash',
  'least-latency',
] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

const hashNameSchema = z.string().min(1).max(256);

/** What `consistent-hash` hashes; requests without the value fall back to the client IP. */
export const hashOnSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ip') }),
  z.strictObject({ type: z.literal('header'), name: hashNameSchema }),
  z.strictObject({ type: z.literal('cookie'), name: hashNameSchema }),
  z.strictObject({ type: z.literal('path') }),
  z.strictObject({ type: z.literal('query'), name: hashNameSchema }),
]);
export type HashOn = z.infer<typeof hashOnSchema>;
export const DEFAULT_HASH_ON: HashOn = { type: 'ip' };

export const targetSchema = z.strictObject({
  target: hostPortSchema,
  /** 0 drains the target: no new requests, in-flight ones finish. */
  weight: z.number().int().min(0).max(1000).default(100),
});

export const upstreamCreateSchema = z.strictObject({
  name: nameSchema,
  algorithm: z.enum(ALGORITHMS).default('round-robin'),
  targets: z.array(targetSchema).max(1000).default([]),
  /**
   * The fields below are optional rather than defaulted so that a store that does not know them yet
   * keeps working; absent means: hashOn {type:'ip'}, no active/passive checks, no breaker.
   * Only `consistent-hash` reads hashOn.
   */
  hashOn: hashOnSchema.optional(),
  healthChecks: healthChecksSchema.optional(),
  /** null: no breaker */
  circuitBreaker: circuitBreakerSchema.nullable().optional(),
});
export const upstreamUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  algorithm: z.enum(ALGORITHMS).optional(),
  targets: z.array(targetSchema).max(1000).optional(),
  hashOn: hashOnSchema.optional(),
  healthChecks: healthChecksSchema.optional(),
  circuitBreaker: circuitBreakerSchema.nullable().optional(),
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
  /** optional so stored rows from before these fields still map; absent = the defaults above */
  hashOn?: HashOn;
  healthChecks?: z.infer<typeof healthChecksSchema>;
  circuitBreaker?: z.infer<typeof circuitBreakerSchema> | null;
  createdAt: string;
  updatedAt: string;
}
