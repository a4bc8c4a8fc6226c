import { botDetectionPlugin } from './bot-detection/handler';
import { requestSizeLimitPlugin } from './request-size-limit/handler';
import { rateLimitPlugin } from './rate-limit/handler';
import { quotaPlugin } from './quota/handler';
import { keyAuthPlugin } from './key-auth/handler';
import { basicAuthPlugin } from './basic-auth/handler';
import { jwtPlugin } from './jwt/handler';
import { oidcPlugin } from './oidc/handler';
import { mtlsAuthPlugin } from './mtls-auth/handler';
import { aclPlugin } from './acl/handler';
import { ipRestrictionPlugin } from './ip-restriction/handler';
import { corsPlugin } from './cors/handler';
import { requestTransformerPlugin } from './request-transformer/handler';
import { responseTransformerPlugin } from './response-transformer/handler';
import { requestValidatorPlugin } from './request-validator/handler';
import type { AnyPluginDefinition } from './types';

/**
 * Every plugin this gateway can run. To add one: export its PluginDefinition from
 * `plugins/<name>/handler.ts`, import it here (one line) and list it below. A snapshot plugin
 * whose name is not listed fails closed (500 AYA_GW_PLUGIN_ERROR on the routes it applies to).
 * The priority of each is pinned by priority.test.ts.
 */
export const PLUGIN_DEFINITIONS: readonly AnyPluginDefinition[] = [
  botDetectionPlugin,
  requestSizeLimitPlugin,
  rateLimitPlugin,
  quotaPlugin,
  keyAuthPlugin,
  basicAuthPlugin,
  jwtPlugin,
  oidcPlugin,
  mtlsAuthPlugin,
  aclPlugin,
  ipRestrictionPlugin,
  corsPlugin,
  requestTransformerPlugin,
  responseTransformerPlugin,
  requestValidatorPlugin,
];

/** name -> definition over a list (a gateway started with its own list uses this too) */
export function definitionsOf(list: readonly AnyPluginDefinition[]): (name: string) => AnyPluginDefinition | undefined {
  const byName = new Map<string, AnyPluginDefinition>(list.map((d) => [d.name, d]));
  return (name) => byName.get(name);
}

export const pluginDefinition = definitionsOf(PLUGIN_DEFINITIONS);
