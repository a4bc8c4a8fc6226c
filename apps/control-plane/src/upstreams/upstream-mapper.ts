import { ALGORITHMS, type Algorithm, type Target, type Upstream } from '@aya/config-schema';
import { readOptions } from '../common/options';
import type { Upstream as UpstreamRow } from '../generated/prisma/client';

/** Columns of an upstream row; every other contract field (hashOn, healthChecks, circuitBreaker...) lives in `options`. */
export const UPSTREAM_CORE_KEYS = ['name', 'algorithm', 'targets'] as const;

const isAlgorithm = (v: string): v is Algorithm => (ALGORITHMS as readonly string[]).includes(v);

function readTargets(raw: unknown): Target[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t: unknown) => {
    if (typeof t !== 'object' || t === null) return [];
    const { target, weight } = t as { target?: unknown; weight?: unknown };
    return typeof target === 'string' && typeof weight === 'number' ? [{ target, weight }] : [];
  });
}

export function toUpstream(row: UpstreamRow): Upstream {
  return {
    // validated by the contract's schema before it was stored
    ...(readOptions(row.options) as Partial<Upstream>),
    id: row.id,
    name: row.name,
    algorithm: isAlgorithm(row.algorithm) ? row.algorithm : 'round-robin',
    targets: readTargets(row.targets),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
