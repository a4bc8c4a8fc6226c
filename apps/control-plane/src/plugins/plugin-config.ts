import { CONSUMER_UNSCOPABLE_PLUGINS, PLUGIN_CONFIG_SCHEMAS, type ErrorDetail, type PluginName } from '@aya/config-schema';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019';
import { Ajv2020 } from 'ajv/dist/2020';
import { zodDetails } from '../common/errors';

/** What write-time checks need to know about this control plane. */
export interface PluginCheckContext {
  /** REDIS_URL is set: `policy: "cluster"` counters have somewhere to live */
  redis: boolean;
}

const CLUSTER_POLICY_PLUGINS: readonly PluginName[] = ['rate-limit', 'quota'];

// Compiling is all these are for (the gateway compiles its own, apps/gateway/src/plugins/request-validator/
// compile-schema.ts): the same dialect choice by `$schema` and strict: false, so what passes here compiles there.
// Formats only add checks, never make a schema fail to compile: none are loaded, and unknown ones stay quiet.
const options = { strict: false, logger: false } as const;
const AJV = { draft07: new Ajv(options), '2019-09': new Ajv2019(options), '2020-12': new Ajv2020(options) };

function ajvFor(schema: Record<string, unknown>): Ajv {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  return dialect.includes('2020-12') ? AJV['2020-12'] : dialect.includes('2019-09') ? AJV['2019-09'] : AJV.draft07;
}

export type ConfigCheck = { ok: true; config: Record<string, unknown> } | { ok: false; details: ErrorDetail[] };

/**
 * A plugin config as stored and shipped: parsed with the plugin's schema (defaults filled in), checked for what
 * the schema alone cannot say (a body schema ajv cannot compile, a cluster policy without Redis). Problems come
 * back as details under `config.`, so the console can show them at the field.
 */
export function checkPluginConfig(name: PluginName, raw: unknown, ctx: PluginCheckContext): ConfigCheck {
  const parsed = PLUGIN_CONFIG_SCHEMAS[name].safeParse(raw);
  if (!parsed.success) return { ok: false, details: zodDetails(parsed.error).map(underConfig) };
  const config = parsed.data as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  if (CLUSTER_POLICY_PLUGINS.includes(name) && config.policy === 'cluster' && !ctx.redis) {
    details.push({ path: 'config.policy', message: 'policy "cluster" needs REDIS_URL on the control plane and the gateways: set it, or use "local"' });
  }
  if (name === 'request-validator') {
    const problem = bodySchemaProblem(config.bodySchema as Record<string, unknown>);
    if (problem) details.push({ path: 'config.bodySchema', message: problem });
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, config };
}

/** PRE_AUTH and auth plugins run before a consumer is known: they cannot be scoped to one. */
export function consumerScopeProblem(name: PluginName): ErrorDetail | undefined {
  if (!CONSUMER_UNSCOPABLE_PLUGINS.has(name)) return undefined;
  return { path: 'consumer', message: `${name} runs before the consumer is known: it cannot be scoped to a consumer` };
}

function bodySchemaProblem(schema: Record<string, unknown>): string | undefined {
  const ajv = ajvFor(schema);
  try {
    ajv.compile(schema);
    return undefined;
  } catch (err) {
    return `not a valid JSON Schema: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
  } finally {
    // ajv keeps every compiled schema (and refuses a second one with the same $id): forget this one
    ajv.removeSchema(schema);
  }
}

const underConfig = (d: ErrorDetail): ErrorDetail => ({ ...d, path: d.path === '' ? 'config' : `config.${d.path}` });
