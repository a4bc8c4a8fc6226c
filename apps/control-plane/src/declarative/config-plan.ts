import { isDeepStrictEqual } from 'node:util';
import {
  DECLARATIVE_SECTIONS,
  PLUGIN_CONFIG_SCHEMAS,
  parseServiceUrl,
  type DeclarativeConfig,
  type DeclarativeSection,
  type ErrorDetail,
  type PluginName,
} from '@aya/config-schema';
import type { SecretBox } from '../certificates/secret-box';
import { ValidationError } from '../common/errors';
import { SECTIONS, canonicalEntry, leafFingerprint, type Entry, type SectionSpec } from './document-entries';
import type { CurrentItem, TenantState } from './tenant-state';

/** An object of the document: where it is, its identity, its parsed input and the entry compared with the tenant's. */
export interface DesiredItem {
  /** `routes[12]` */
  path: string;
  key: string;
  input: Entry;
  compare: Entry;
}

export interface SectionPlan {
  spec: SectionSpec;
  creates: DesiredItem[];
  updates: Array<{ item: DesiredItem; current: CurrentItem }>;
  deletes: CurrentItem[];
}

export type ApplyPlan = Record<DeclarativeSection, SectionPlan>;

const invalid = (details: ErrorDetail[]) => new ValidationError('invalid config document', details);

/** The parsed document's objects with their identities (400 on duplicates); certificate keys are opened to compare them. */
export function readDocument(doc: DeclarativeConfig, box: SecretBox): Record<DeclarativeSection, DesiredItem[]> {
  const details: ErrorDetail[] = [];
  const out = {} as Record<DeclarativeSection, DesiredItem[]>;
  for (const spec of SECTIONS) {
    const seen = new Map<string, string>();
    out[spec.section] = (doc[spec.section] as Entry[]).map((raw, i) => {
      const path = `${spec.section}[${i}]`;
      const input = spec.section === 'certificates' ? certificateInput(raw, path, box, details) : raw;
      const compare = canonicalEntry(spec, asStored(spec.section, input));
      const key = spec.key(compare);
      const first = seen.get(key);
      if (first !== undefined) details.push({ path: `${path}${spec.section === 'plugins' || spec.section === 'certificates' ? '' : `.${spec.order[0]}`}`, message: `duplicate of ${first} (${key})` });
      seen.set(key, path);
      return { path, key, input, compare };
    });
  }
  if (details.length > 0) throw invalid(details);
  return out;
}

/** A certificate's fingerprint (checked when given) and its key in clear, whichever way the document gives it. */
function certificateInput(raw: Entry, path: string, box: SecretBox, details: ErrorDetail[]): Entry {
  const fingerprint = leafFingerprint(String(raw.cert));
  if (fingerprint === null) details.push({ path: `${path}.cert`, message: 'not a PEM certificate that parses' });
  else if (raw.fingerprint !== undefined && raw.fingerprint !== fingerprint) details.push({ path: `${path}.fingerprint`, message: `does not match cert (its leaf is ${fingerprint})` });
  let key = raw.key as string | undefined;
  if (typeof raw.keySealed === 'string') {
    try {
      key = box.open(raw.keySealed);
    } catch {
      details.push({ path: `${path}.keySealed`, message: 'cannot be unsealed with this control plane\'s AYA_SECRET_KEY: give the key in clear as "key"' });
    }
  }
  return { fingerprint: fingerprint ?? raw.fingerprint, snis: [...new Set(((raw.snis as string[] | undefined) ?? []).map((s) => s.toLowerCase()))], cert: raw.cert, key };
}

/**
 * An entry as the tenant's would read once written, so a hand-written file compares equal the next time: a plugin's
 * config parsed (defaults filled), a consumer's groups sorted (the API answers them so), a route's repeated paths,
 * methods and hosts once (the store keeps each once).
 */
function asStored(section: DeclarativeSection, input: Entry): Entry {
  const once = (v: unknown) => (Array.isArray(v) ? [...new Set(v)] : v);
  if (section === 'plugins') return withParsedConfig(input);
  if (section === 'consumers' && Array.isArray(input.groups)) return { ...input, groups: [...new Set(input.groups as string[])].sort() };
  if (section === 'routes') return { ...input, paths: once(input.paths), methods: once(input.methods), hosts: once(input.hosts) };
  return input;
}

/** The stored config is parsed (defaults filled): compare the document's the same way. */
function withParsedConfig(input: Entry): Entry {
  const schema = PLUGIN_CONFIG_SCHEMAS[input.name as PluginName];
  const parsed = schema?.safeParse(input.config ?? {});
  return parsed?.success ? { ...input, config: parsed.data } : input;
}

/** A current certificate as a document's is compared: the key in clear instead of sealed. */
function currentCompare(spec: SectionSpec, current: CurrentItem, box: SecretBox): Entry {
  if (spec.section !== 'certificates') return current.entry;
  const { keySealed, ...rest } = current.entry;
  return canonicalEntry(spec, { ...rest, key: typeof keySealed === 'string' ? box.open(keySealed) : undefined });
}

/**
 * What the document changes: creates and updates of its objects, and (prune) deletes of the tenant's objects it
 * does not name. References between objects are checked against what will exist, with the referring field's path.
 */
export function planApply(desired: Record<DeclarativeSection, DesiredItem[]>, state: TenantState, prune: boolean, box: SecretBox): ApplyPlan {
  checkReferences(desired, state, prune);
  const plan = {} as ApplyPlan;
  for (const spec of SECTIONS) {
    const current = new Map(state[spec.section].map((c) => [c.key, c]));
    const p: SectionPlan = { spec, creates: [], updates: [], deletes: [] };
    for (const item of desired[spec.section]) {
      const found = current.get(item.key);
      current.delete(item.key);
      if (!found) p.creates.push(item);
      else if (!isDeepStrictEqual(currentCompare(spec, found, box), item.compare)) p.updates.push({ item, current: found });
    }
    if (prune) p.deletes = [...current.values()];
    plan[spec.section] = p;
  }
  return plan;
}

/** The names of a section that exist after the apply: the document's, plus the tenant's others unless pruned. */
function namesAfter(desired: Record<DeclarativeSection, DesiredItem[]>, state: TenantState, section: DeclarativeSection, prune: boolean): Set<string> {
  return new Set([...desired[section].map((d) => d.key), ...(prune ? [] : state[section].map((c) => c.key))]);
}

function checkReferences(desired: Record<DeclarativeSection, DesiredItem[]>, state: TenantState, prune: boolean): void {
  const has = Object.fromEntries(DECLARATIVE_SECTIONS.map((s) => [s, namesAfter(desired, state, s, prune)])) as Record<DeclarativeSection, Set<string>>;
  const details: ErrorDetail[] = [];
  const need = (section: DeclarativeSection, what: string, ref: unknown, path: string) => {
    if (typeof ref === 'string' && !has[section].has(ref)) details.push({ path, message: `${what} "${ref}" is not in the document${prune ? '' : ' nor in the tenant'}` });
  };
  for (const { path, input } of desired.services) {
    const url = parseServiceUrl(String(input.url));
    if (url?.kind === 'upstream') need('upstreams', 'upstream', url.upstream, `${path}.url`);
    need('certificates', 'certificate', input.clientCertificate, `${path}.clientCertificate`);
    need('certificates', 'certificate', input.caCertificate, `${path}.caCertificate`);
  }
  for (const { path, input } of desired.routes) {
    need('services', 'service', input.service, `${path}.service`);
    const split = input.split as { services: Array<{ service: string }>; match?: Array<{ service: string }> } | undefined;
    split?.services.forEach((s, j) => need('services', 'service', s.service, `${path}.split.services[${j}].service`));
    split?.match?.forEach((m, j) => need('services', 'service', m.service, `${path}.split.match[${j}].service`));
    need('services', 'service', (input.fallback as { service?: string } | undefined)?.service, `${path}.fallback.service`);
  }
  for (const { path, input } of desired.consumers) {
    ((input.groups as string[] | undefined) ?? []).forEach((g, j) => need('consumerGroups', 'consumer group', g, `${path}.groups[${j}]`));
  }
  for (const { path, input } of desired.plugins) {
    need('services', 'service', input.service, `${path}.service`);
    need('routes', 'route', input.route, `${path}.route`);
    need('consumers', 'consumer', input.consumer, `${path}.consumer`);
    const cas = input.name === 'mtls-auth' ? (input.config as { caCertificates?: unknown } | undefined)?.caCertificates : undefined;
    if (Array.isArray(cas)) cas.forEach((fp, j) => need('certificates', 'certificate', fp, `${path}.config.caCertificates[${j}]`));
  }
  if (details.length > 0) throw invalid(details);
}

/** Every change of a plan, in the order they are made (creates and updates by section, then deletes). */
export function planSize(plan: ApplyPlan): number {
  return Object.values(plan).reduce((n, p) => n + p.creates.length + p.updates.length + p.deletes.length, 0);
}
