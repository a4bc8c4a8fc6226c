import { X509Certificate } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { SERVICE_DEFAULTS, type ConfigApplyChange, type DeclarativeSection } from '@aya/config-schema';

/** One object of the document, as plain JSON. */
export type Entry = Record<string, unknown>;

/** How a section's objects are written and told apart. */
export interface SectionSpec {
  section: DeclarativeSection;
  kind: ConfigApplyChange['kind'];
  /** the keys an entry is written with, in this order (a dump diffs cleanly); others are never written */
  order: readonly string[];
  /** values a dump leaves out (they are what an absent field means) */
  defaults: Entry;
  /** the object's identity in its tenant */
  key(entry: Entry): string;
}

const byName = (e: Entry) => String(e.name);

/** A plugin's identity: its name and scope (`rate-limit[route=orders]`; global: `rate-limit`). */
export function pluginKey(e: Entry): string {
  const scope = (['service', 'route', 'consumer'] as const).filter((k) => typeof e[k] === 'string').map((k) => `${k}=${String(e[k])}`);
  return scope.length ? `${String(e.name)}[${scope.join(',')}]` : String(e.name);
}

/** In creation order: what an entry names exists before it (certificates and upstreams before services...). */
export const SECTIONS: readonly SectionSpec[] = [
  { section: 'certificates', kind: 'certificate', order: ['fingerprint', 'snis', 'cert', 'key', 'keySealed'], defaults: { snis: [] }, key: (e) => String(e.fingerprint) },
  { section: 'upstreams', kind: 'upstream', order: ['name', 'algorithm', 'targets', 'hashOn', 'healthChecks', 'circuitBreaker'], defaults: {}, key: byName },
  {
    section: 'services',
    kind: 'service',
    order: ['name', 'url', 'protocol', 'connectTimeoutMs', 'readTimeoutMs', 'sendTimeoutMs', 'totalTimeoutMs', 'retries', 'retryBudget', 'tlsVerify', 'tlsServerName', 'clientCertificate', 'caCertificate'],
    defaults: { ...SERVICE_DEFAULTS },
    key: byName,
  },
  {
    section: 'routes',
    kind: 'route',
    order: ['name', 'service', 'paths', 'methods', 'hosts', 'stripPath', 'priority', 'headers', 'query', 'split', 'fallback', 'sticky', 'rewrite', 'redirect', 'requestHeaders', 'responseHeaders', 'compression', 'cache'],
    defaults: { methods: [], hosts: [], stripPath: false },
    key: byName,
  },
  { section: 'consumerGroups', kind: 'consumer-group', order: ['name', 'description'], defaults: {}, key: byName },
  { section: 'consumers', kind: 'consumer', order: ['username', 'customId', 'groups'], defaults: { groups: [] }, key: (e) => String(e.username) },
  { section: 'plugins', kind: 'plugin', order: ['name', 'enabled', 'service', 'route', 'consumer', 'config'], defaults: { enabled: true }, key: pluginKey },
];

export const sectionSpec = (section: DeclarativeSection): SectionSpec => {
  const spec = SECTIONS.find((s) => s.section === section);
  if (!spec) throw new Error(`no section ${section}`);
  return spec;
};

/** JSON values with object keys sorted (stored JSON comes back in Postgres' jsonb order): dumps diff cleanly. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortedKeys((v as Entry)[k])]),
  );
}

/** An entry as a dump writes it and a plan compares it: the section's keys in order, no nulls, no defaults. */
export function canonicalEntry(spec: SectionSpec, entry: Entry): Entry {
  const out: Entry = {};
  for (const k of spec.order) {
    const v = entry[k];
    if (v === undefined || v === null) continue;
    if (k in spec.defaults && isDeepStrictEqual(v, spec.defaults[k])) continue;
    out[k] = sortedKeys(v);
  }
  return out;
}

/** The SHA-256 fingerprint of a PEM chain's leaf (lowercase hex), or null when it does not parse. */
export function leafFingerprint(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
  } catch {
    return null;
  }
}
