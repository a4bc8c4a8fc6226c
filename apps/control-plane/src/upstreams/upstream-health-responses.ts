import { TARGET_STATES, type TargetHealthSample, type UpstreamHealth, type UpstreamHealthBatch } from '@aya/config-schema';
import { z } from 'zod';
import type { TargetHealth } from './upstream-health';
import { upstreamHealthQuerySchema } from './upstream-health.controller';

const targetHealth: z.ZodType<TargetHealth> = z.object({
  target: z.string().describe('host:port'),
  state: z.enum(TARGET_STATES).describe('the worst state any fresh node reports'),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      state: z.enum(TARGET_STATES),
      consecutiveFailures: z.int(),
      active: z.int(),
      latencyMs: z.number().nullable(),
      since: z.string(),
      lastSeenAt: z.iso.datetime(),
    }),
  ),
});

const sample: z.ZodType<TargetHealthSample> = z.object({
  at: z.iso.datetime().describe('start of the sample interval (AYA_HEALTH_SAMPLE_MS)'),
  state: z.enum(TARGET_STATES).describe('the worst state any node reported in the interval'),
  latencyMs: z.number().nullable().describe('mean over the nodes that measured one'),
});

export const upstreamHealthSchema: z.ZodType<UpstreamHealth> = z.object({
  data: z.array(targetHealth),
  history: z
    .array(z.object({ target: z.string(), samples: z.array(sample) }))
    .describe('per target, the last 60 sample intervals the control plane kept from gateway heartbeats, oldest first'),
  sampleMs: z.int().min(1).describe('the length of a sample interval (AYA_HEALTH_SAMPLE_MS)'),
});

const batchSchema: z.ZodType<UpstreamHealthBatch> = z.object({
  data: z.array(z.object({ upstreamId: z.uuid(), targets: z.array(targetHealth) })),
});

export const UPSTREAM_HEALTH_RESPONSE_SCHEMAS: Record<string, z.ZodType> = { UpstreamHealthBatch: batchSchema };
export const UPSTREAM_HEALTH_OPERATION_RESPONSES: Record<string, string> = { 'upstreamhealth.batch': 'UpstreamHealthBatch' };
export const UPSTREAM_HEALTH_QUERY_SCHEMAS: Record<string, z.ZodObject> = { 'upstreamhealth.batch': upstreamHealthQuerySchema };
