import { GwErrorCode, PLUGIN_CONFIG_SCHEMAS, type PluginConfigOf } from '@aya/config-schema';
import type { PluginDefinition, PluginInstance, PluginReply } from '../types';
import { DEFAULT_BOT_RULES } from './rules';

type Config = PluginConfigOf<'bot-detection'>;

const DENIED: PluginReply = { code: GwErrorCode.FORBIDDEN };

/** One regex for a list of rules (alternation), or null for an empty list. */
function union(rules: readonly string[], flags: string): RegExp | null {
  return rules.length === 0 ? null : new RegExp(rules.map((r) => `(?:${r})`).join('|'), flags);
}

/**
 * bot-detection: a User-Agent matching a `deny` rule (or the built-in list, `useDefaultRules`) is
 * refused with 403 AYA_GW_FORBIDDEN unless it matches an `allow` rule. Rules are regexes, compiled
 * once here; the built-in ones are case-insensitive, the configured ones as written. A request
 * without a User-Agent is let through (only rules can deny).
 */
export function createBotDetection(config: Config): PluginInstance {
  const allow = union(config.allow, '');
  const deny = union(config.deny, '');
  const builtIn = config.useDefaultRules ? union(DEFAULT_BOT_RULES, 'i') : null;
  return {
    access(r) {
      const ua = r.req.headers['user-agent'];
      if (ua === undefined) return undefined;
      if (allow?.test(ua)) return undefined;
      return deny?.test(ua) || builtIn?.test(ua) ? DENIED : undefined;
    },
  };
}

export const botDetectionPlugin: PluginDefinition<Config> = {
  name: 'bot-detection',
  priority: 2500,
  version: '1.0.0',
  schema: PLUGIN_CONFIG_SCHEMAS['bot-detection'],
  create: (config) => createBotDetection(config),
};
