import { AUTH_PLUGINS, PLUGIN_CONFIG_SCHEMAS, PRE_AUTH_PLUGINS, type ErrorDetail, type PluginName } from '@aya/config-schema';
import { Ajv } from 'ajv';
import { zodDetails } from '../common/errors';

/** What write-time checks need to know about this control plane. */
export interface PluginCheckContext {
  /** REDIS_URL is set: `policy: "cluster"` counters have somewhere to live */
  redis: boolean;
}

const CLUSTER_POLICY_PLUGINS: readonly PluginName[] = ['rate-limit', 'quota'];
const UNSCOPABLE_TO_CONSUMER: readonly PluginName[] = [...PRE_AUTH_PLUGINS, ...AUTH_PLUGINS];

// one instance: compiling a schema is all it is used for (the gateway compiles its own)
const ajv = new Ajv({ allErrors: true, strict: false });

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
    const problem = bodySchemaProblem(config.bodySchema);
    if (problem) details.push({ path: 'config.bodySchema', message: problem });
  }
  return details.length > 0 ? { ok: false, details } : { ok: true, config };
}

/** PRE_AUTH and auth plugins run before a consumer is known: they cannot be scoped to one. */
export function consumerScopeProblem(name: PluginName): ErrorDetail | undefined {
  if (!UNSCOPABLE_TO_CONSUMER.includes(name)) return undefined;
  return { path: 'consumer', message: `${name} runs before the consumer is known: it cannot be scoped to a consumer` };
}

function bodySchemaProblem(schema: unknown): string | undefined {
  try {
    ajv.compile(schema as object);
    return undefined;
  } catch (err) {
    return `not a valid JSON Schema: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
  } finally {
    // ajv keeps every compiled schema (and refuses a second one with the same $id): forget this one
    ajv.removeSchema(schema as object);
  }
}

const underConfig = (d: ErrorDetail): ErrorDetail => ({ ...d, path: d.path === '' ? 'config' : `config.${d.path}` });
