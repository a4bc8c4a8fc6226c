import { AUTH_PLUGINS, PLUGIN_NAMES } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { PLUGIN_DEFINITIONS } from './registry';

/**
 * The order plugins run in (higher first), pinned: pre-auth policies, then the auth plugins (one
 * "any of" step), then what needs the consumer, then transformations. A change here changes what a
 * request meets first, e.g. a rate limit counting requests that auth would have refused.
 */
const PRIORITIES: ReadonlyArray<[string, number]> = [
  ['bot-detection', 2500],
  ['cors', 2000],
  ['ip-restriction', 1900],
  ['request-size-limit', 1800],
  ['mtls-auth', 1600],
  ['jwt', 1450],
  ['oidc', 1400],
  ['key-auth', 1250],
  ['basic-auth', 1100],
  ['acl', 950],
  ['quota', 920],
  ['rate-limit', 910],
  ['request-validator', 900],
  ['request-transformer', 801],
  ['response-transformer', 800],
];

describe('plugin priorities', () => {
  it('registry.ts lists every plugin once, with the pinned priority, in that order', () => {
    const table = [...PLUGIN_DEFINITIONS].sort((a, b) => b.priority - a.priority).map((d) => [d.name, d.priority]);
    expect(table).toEqual(PRIORITIES);
  });

  it('covers every plugin name of the contract', () => {
    expect(PRIORITIES.map(([name]) => name).sort()).toEqual([...PLUGIN_NAMES].sort());
  });

  it('marks exactly the auth plugins as auth', () => {
    const auth = PLUGIN_DEFINITIONS.filter((d) => d.auth === true).map((d) => d.name);
    expect(auth.sort()).toEqual([...AUTH_PLUGINS].sort());
  });
});
