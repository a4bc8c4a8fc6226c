import { describe, expect, it } from 'vitest';
import type { Plugin } from '@aya/config-schema';
import { atScope, scopeFromSearch, scopeLabel, scopeSearch } from './plugin-scope';

const plugin = (id: string, scope: Partial<Pick<Plugin, 'serviceId' | 'routeId' | 'consumerId'>>): Plugin => ({
  id,
  name: 'rate-limit',
  enabled: true,
  config: {},
  serviceId: null,
  routeId: null,
  consumerId: null,
  createdAt: '',
  updatedAt: '',
  ...scope,
});

describe('plugin scopes', () => {
  const all = [plugin('g', {}), plugin('r', { routeId: 'r1' }), plugin('rc', { routeId: 'r1', consumerId: 'c1' }), plugin('s', { serviceId: 's1' })];

  it('a panel shows the instances attached exactly at its resource', () => {
    expect(atScope(all, { route: 'r1' }).map((p) => p.id)).toEqual(['r']);
    expect(atScope(all, {}).map((p) => p.id)).toEqual(['g']);
    expect(atScope(all, { consumer: 'c1' })).toEqual([]);
  });

  it('names the scope by the resources names, global when none', () => {
    const options = { services: [], routes: [{ id: 'r1', name: 'orders' }], consumers: [{ id: 'c1', name: 'alice' }] };
    expect(scopeLabel(all[2]!, options)).toBe('route orders · consumer alice');
    expect(scopeLabel(all[3]!, options)).toBe('service s1');
    expect(scopeLabel(all[0]!, undefined)).toBe('global');
  });

  it('the add page reads back the scope and a console-only return path', () => {
    const qs = scopeSearch({ route: 'r1' }, '/console/t/default/routes/r1/edit');
    expect(scopeFromSearch(new URLSearchParams(qs))).toEqual({ scope: { route: 'r1' }, back: '/console/t/default/routes/r1/edit' });
    expect(scopeFromSearch(new URLSearchParams('back=https://evil.example/')).back).toBeNull();
  });
});
