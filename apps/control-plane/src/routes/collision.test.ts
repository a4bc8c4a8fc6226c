import { describe, expect, it } from 'vitest';
import { findCollision, routesCollide, type RouteMatchKey } from './collision';

const r = (paths: string[], methods: string[] = [], hosts: string[] = [], id?: string): RouteMatchKey => ({
  id,
  paths,
  methods,
  hosts,
});

describe('routesCollide', () => {
  it('collides on a shared path with all methods and no hosts', () => {
    expect(routesCollide(r(['/a']), r(['/a']))).toBe(true);
  });
  it('does not collide on different paths (prefixes are distinct routes)', () => {
    expect(routesCollide(r(['/a']), r(['/a/b']))).toBe(false);
  });
  it('collides when one of several paths is shared', () => {
    expect(routesCollide(r(['/x', '/a']), r(['/a', '/y']))).toBe(true);
  });
  it('treats empty methods as every method', () => {
    expect(routesCollide(r(['/a'], []), r(['/a'], ['GET']))).toBe(true);
  });
  it('does not collide on disjoint methods', () => {
    expect(routesCollide(r(['/a'], ['GET']), r(['/a'], ['POST', 'PUT']))).toBe(false);
  });
  it('collides on overlapping methods', () => {
    expect(routesCollide(r(['/a'], ['GET', 'POST']), r(['/a'], ['POST']))).toBe(true);
  });
  it('does not collide when only one route has hosts', () => {
    expect(routesCollide(r(['/a'], [], ['a.example.com']), r(['/a']))).toBe(false);
  });
  it('collides on a common host, case-insensitively', () => {
    expect(routesCollide(r(['/a'], [], ['A.example.com', 'b.example.com']), r(['/a'], [], ['a.example.com']))).toBe(true);
  });
  it('does not collide on disjoint hosts', () => {
    expect(routesCollide(r(['/a'], [], ['a.example.com']), r(['/a'], [], ['b.example.com']))).toBe(false);
  });
});

describe('findCollision', () => {
  it('ignores the route being updated', () => {
    const existing = [r(['/a'], [], [], '1')];
    expect(findCollision(r(['/a'], [], [], '1'), existing)).toBeUndefined();
    expect(findCollision(r(['/a'], [], [], '2'), existing)?.id).toBe('1');
  });
});

describe('routesCollide with priority and predicates', () => {
  const k = (extra: Partial<RouteMatchKey>): RouteMatchKey => ({ ...r(['/a'], ['GET'], ['a.test']), ...extra });
  it('does not collide when header predicates differ', () => {
    expect(routesCollide(k({ headers: { 'x-version': ['v2'] } }), k({}))).toBe(false);
    expect(routesCollide(k({ headers: { 'x-version': ['v2'] } }), k({ headers: { 'x-version': ['v3'] } }))).toBe(false);
  });
  it('collides on equal predicates, header names case-insensitive, values in any order', () => {
    expect(routesCollide(k({ headers: { 'X-Version': ['v3', 'v2'] } }), k({ headers: { 'x-version': ['v2', 'v3'] } }))).toBe(true);
    expect(routesCollide(k({ query: { beta: true } }), k({ query: { beta: true } }))).toBe(true);
  });
  it('does not collide when query predicates or priorities differ; absent priority is 0', () => {
    expect(routesCollide(k({ query: { beta: true } }), k({}))).toBe(false);
    expect(routesCollide(k({ priority: 10 }), k({}))).toBe(false);
    expect(routesCollide(k({ priority: 0 }), k({}))).toBe(true);
  });
});
