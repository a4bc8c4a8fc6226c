import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { ProcessPluginShared } from './shared';

describe('ProcessPluginShared', () => {
  it('creates each named service once and closes the closable ones at stop, a failing close included', async () => {
    const shared = new ProcessPluginShared(silentLogger, 'token', 'redis://127.0.0.1:1');
    let created = 0;
    const closed: string[] = [];
    const make = (name: string, fails = false) => () => {
      created++;
      return {
        close: async () => {
          closed.push(name);
          if (fails) throw new Error('close failed');
        },
      };
    };
    const a = shared.service('a', make('a', true));
    expect(shared.service('a', make('a-again'))).toBe(a);
    shared.service('b', make('b'));
    shared.service('plain', () => ({ value: 1 }));
    expect(created).toBe(2);
    await shared.close();
    expect(closed.sort()).toEqual(['a', 'b']);
    expect([shared.clusterToken, shared.redisUrl]).toEqual(['token', 'redis://127.0.0.1:1']);
  });
});
