import { ALGORITHMS, type Algorithm, type Target, type Upstream } from '@aya/config-schema';
import type { Upstream as UpstreamRow } from '../generated/prisma/client';

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
    id: row.id,
    name: row.name,
    algorithm: isAlgorithm(row.algorithm) ? row.algorithm : 'round-robin',
    targets: readTargets(row.targets),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
