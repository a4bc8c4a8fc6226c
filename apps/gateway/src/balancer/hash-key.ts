import type { HashOn } from '@aya/config-schema';
import type { PickContext } from './types';

export type HashKeyOf = (ctx: PickContext) => string;

/**
 * Compiled once per revision: `hashOn` -> a function reading only the one value it needs.
 * A request without that value hashes on its client IP so it still sticks somewhere.
 */
export function hashKeyOf(hashOn: HashOn): HashKeyOf {
  switch (hashOn.type) {
    case 'ip':
      return (ctx) => ctx.clientIp;
    case 'path':
      return (ctx) => ctx.path();
    case 'header': {
      const name = hashOn.name.toLowerCase();
      return (ctx) => ctx.header(name) ?? ctx.clientIp;
    }
    case 'cookie': {
      const name = hashOn.name;
      return (ctx) => ctx.cookie(name) ?? ctx.clientIp;
    }
    case 'query': {
      const name = hashOn.name;
      return (ctx) => ctx.query(name) ?? ctx.clientIp;
    }
  }
}
