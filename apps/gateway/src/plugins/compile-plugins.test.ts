import { snapshotHash } from '@aya/config-schema/hash';
import type { ConfigChange, Snapshot } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSnapshot } from '../compile/compile';
import type { CompiledConfig, RuntimeRoute } from '../compile/types';
import { verifyConfigResponse } from '../config/verify';
import { silentLogger } from '../log';
import { route, service } from '../testing/fixtures';
import { consumer, keyCredential, plugin } from '../testing/plugin-fixtures';
import { closeRetiredPlugins } from './retire';
import { definitionsOf } from './registry';
import { scopeRank } from './scopes';
import { ProcessPluginShared } from './shared';
import type { PluginName } from '@aya/config-schema';
import type { AnyPluginDefinition } from './types';

/** a plugin that counts its create() and close() calls */
function counting() {
  const stats = { created: 0, closed: 0 };
  const def: AnyPluginDefinition = {
    name: 'test-count' as PluginName,
    priority: 10,
    version: '0.0.0',
    schema: z.strictObject({ n: z.number() }),
    create: () => {
      stats.created++;
      return { access: () => undefined, close: () => void stats.closed++ };
    },
  };
  return { stats, definitions: definitionsOf([def]) };
}

function base(): Snapshot {
  return {
    revision: 1,
    services: [service('s1', { host: 'a', port: 1 }), service('s2', { host: 'b', port: 2 })],
    routes: [route('r1', 's1', ['/one']), route('r2', 's2', ['/two']), route('r3', 's2', ['/three'], { tenant: 'other' })],
    upstreams: [],
    plugins: [plugin('p-global', 'test-count', { n: 1 }), plugin('p-r1', 'test-count', { n: 2 }, { routeId: 'r1' })],
    consumers: [consumer('c1', 'alice')],
    credentials: [keyCredential('k1', 'c1', 'secret-key-0000000001')],
  };
}

const at = (c: CompiledConfig, path: string): RuntimeRoute | undefined => c.router.find('GET', 'h', path)?.route;

describe('plugin chains in compileSnapshot', () => {
  const setup = () => {
    const { stats, definitions } = counting();
    const pluginShared = new ProcessPluginShared(silentLogger, 't', undefined);
    const compile = (s: Snapshot, previous?: CompiledConfig) => compileSnapshot(s, { revision: s.revision, hash: 'h', pluginShared, pluginDefinitions: definitions }, previous);
    return { stats, compile };
  };

  it('gives a route its chain and a route of a tenant without plugins none', () => {
    const { stats, compile } = setup();
    const c = compile(base());
    expect(at(c, '/one')?.plugins?.base.steps.map((s) => s.instanceId)).toEqual(['p-r1']);
    expect(at(c, '/two')?.plugins?.base.steps.map((s) => s.instanceId)).toEqual(['p-global']);
    expect(at(c, '/three')?.plugins).toBeUndefined();
    // p-global and p-r1, once each (r2 and r1 share nothing else)
    expect(stats.created).toBe(2);
  });

  it('keeps chains, instances and routes when nothing changed', () => {
    const { stats, compile } = setup();
    const s = base();
    const first = compile(s);
    const second = compile({ ...s, revision: 2 }, first);
    expect(at(second, '/one')).toBe(at(first, '/one'));
    expect(at(second, '/two')?.plugins).toBe(at(first, '/two')?.plugins);
    expect(stats.created).toBe(2);
  });

  it('rebuilds only the chains a changed plugin touches, and closes the instance it replaced', () => {
    const { stats, compile } = setup();
    const s = base();
    const first = compile(s);
    const changed = plugin('p-r1', 'test-count', { n: 3 }, { routeId: 'r1' });
    const second = compile({ ...s, revision: 2, plugins: [s.plugins?.[0] as NonNullable<Snapshot['plugins']>[number], changed] }, first);
    expect(at(second, '/one')).not.toBe(at(first, '/one'));
    expect(at(second, '/two')).toBe(at(first, '/two'));
    expect(stats.created).toBe(3);
    closeRetiredPlugins(first, second, silentLogger);
    expect(stats.closed).toBe(1);
  });

  it('rebuilds the tenant chains (and instances, which index consumers at create) when a consumer or credential changes', () => {
    const { stats, compile } = setup();
    const s = base();
    const first = compile(s);
    const second = compile({ ...s, revision: 2, credentials: [...(s.credentials ?? []), keyCredential('k2', 'c1', 'secret-key-0000000002')] }, first);
    expect(at(second, '/one')?.plugins).not.toBe(at(first, '/one')?.plugins);
    expect(at(second, '/two')?.plugins?.base.directory.credentials('key-auth').map((c) => c.id)).toEqual(['k1', 'k2']);
    expect(stats.created).toBe(4);
    const third = compile({ ...s, revision: 3, consumers: [consumer('c1', 'alice', { groups: ['gold'] })] }, second);
    expect(third.router.find('GET', 'h', '/two')?.route.plugins?.base.directory.consumer('alice')?.groups).toEqual(['gold']);
  });

  it('falls back to the next less specific instance when the most specific one is disabled', () => {
    const { compile } = setup();
    const s = base();
    const c = compile({ ...s, plugins: [s.plugins?.[0] as NonNullable<Snapshot['plugins']>[number], plugin('p-r1', 'test-count', { n: 2 }, { routeId: 'r1', enabled: false })] });
    expect(at(c, '/one')?.plugins?.base.steps.map((x) => x.instanceId)).toEqual(['p-global']);
  });

  it('compiles a config that fails to parse into a chain that fails closed', () => {
    const { compile } = setup();
    const c = compile({ ...base(), plugins: [plugin('p-bad', 'test-count', { n: 'x' })] });
    expect(at(c, '/one')?.plugins?.base.broken?.instanceId).toBe('p-bad');
    expect(c.warnings.some((w) => w.includes('p-bad') && w.includes('(at n)'))).toBe(true);
  });
});

describe('scopeRank', () => {
  it('orders scopes as Kong does', () => {
    const s = (c: boolean, r: boolean, v: boolean) => ({ consumerId: c ? 'c' : null, routeId: r ? 'r' : null, serviceId: v ? 's' : null });
    const order = [s(true, true, true), s(true, true, false), s(true, false, true), s(false, true, true), s(true, false, false), s(false, true, false), s(false, false, true), s(false, false, false)];
    expect(order.map(scopeRank)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
  });
});

describe('config items of the plugin kinds', () => {
  it('reach the snapshot the compiler reads, from a whole config and from a delta', () => {
    const s = base();
    const state = verifyConfigResponse(JSON.stringify({ revision: 1, hash: snapshotHash(s), snapshot: s }));
    expect(state.snapshot.plugins?.map((p) => p.id)).toEqual(['p-global', 'p-r1']);
    const c2 = consumer('c2', 'bob');
    const after: Snapshot = { ...s, revision: 2, consumers: [...(s.consumers ?? []), c2], plugins: [s.plugins?.[0] as NonNullable<Snapshot['plugins']>[number]] };
    const changes: ConfigChange[] = [
      { kind: 'consumer', id: 'c2', item: c2 as unknown as Record<string, unknown> },
      { kind: 'plugin', id: 'p-r1', item: null },
    ];
    const next = state.applyDelta({ from: 1, revision: 2, hash: snapshotHash(after), changes });
    expect(next.snapshot.consumers?.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(next.snapshot.plugins?.map((p) => p.id)).toEqual(['p-global']);
    expect(next.snapshot.credentials?.[0]).toBe(state.snapshot.credentials?.[0]);
  });
});
