import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CONTROLLERS } from '../controllers';
import { INTERNAL_KEY, PERMISSION_KEY, PERMISSIONS, PUBLIC_KEY, roleGrants } from './permissions';

// Nest stores a handler's route on the method function under these keys (PATH_METADATA / METHOD_METADATA).
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const HTTP_METHOD_NAMES = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

interface HandlerInfo {
  name: string;
  httpMethod: string;
  permission?: string;
  isPublic: boolean;
  isInternal: boolean;
}

function handlers(): HandlerInfo[] {
  return CONTROLLERS.flatMap((controller) => {
    const proto = controller.prototype as unknown as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((key) => key !== 'constructor' && typeof proto[key] === 'function')
      .map((key) => proto[key] as object)
      .filter((fn) => Reflect.getMetadata(PATH_METADATA, fn) !== undefined)
      .map((fn) => ({
        name: `${controller.name}.${(fn as { name: string }).name}`,
        httpMethod: HTTP_METHOD_NAMES[Reflect.getMetadata(METHOD_METADATA, fn) as number] ?? '?',
        permission: Reflect.getMetadata(PERMISSION_KEY, fn) as string | undefined,
        isPublic: Reflect.getMetadata(PUBLIC_KEY, fn) === true,
        isInternal: Reflect.getMetadata(INTERNAL_KEY, fn) === true,
      }));
  });
}

describe('endpoint permissions', () => {
  const all = handlers();

  it('finds the handlers (the metadata walk works)', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all.map((h) => [h.name, h]))('%s declares exactly one access rule', (_name, h) => {
    const rules = [h.permission !== undefined, h.isPublic, h.isInternal].filter(Boolean).length;
    expect(rules).toBe(1);
    if (h.permission !== undefined) expect(PERMISSIONS).toContain(h.permission);
  });

  it('only health, login and the API description are public', () => {
    expect(all.filter((h) => h.isPublic).map((h) => h.name).sort()).toEqual([
      'AuthController.login',
      'HealthController.health',
      'OpenApiController.docs',
      'OpenApiController.openapi',
    ]);
  });

  it('every admin write needs a :write permission', () => {
    const writes = all.filter((h) => h.httpMethod !== 'GET' && h.permission !== undefined && h.permission !== 'self');
    expect(writes.length).toBeGreaterThan(0);
    for (const h of writes) expect(h.permission, h.name).toMatch(/:write$/);
  });
});

describe('roleGrants', () => {
  it('owners and admins may do everything in a tenant, but only owners delete it', () => {
    expect(roleGrants('owner', 'tenants:write', 'DELETE')).toBe(true);
    expect(roleGrants('admin', 'tenants:write', 'DELETE')).toBe(false);
    expect(roleGrants('admin', 'tenants:write', 'PATCH')).toBe(true);
    expect(roleGrants('admin', 'tokens:write')).toBe(true);
  });

  it('operators write traffic config, not people or tokens', () => {
    expect(roleGrants('operator', 'routes:write')).toBe(true);
    expect(roleGrants('operator', 'config:write')).toBe(true);
    expect(roleGrants('operator', 'members:write')).toBe(false);
    expect(roleGrants('operator', 'tokens:read')).toBe(false);
  });

  it('viewers read (members and audit too), not tokens', () => {
    expect(roleGrants('viewer', 'routes:read')).toBe(true);
    expect(roleGrants('viewer', 'members:read')).toBe(true);
    expect(roleGrants('viewer', 'audit:read')).toBe(true);
    expect(roleGrants('viewer', 'self')).toBe(true);
    expect(roleGrants('viewer', 'routes:write')).toBe(false);
    expect(roleGrants('viewer', 'tokens:read')).toBe(false);
  });

  it('no tenant role manages users', () => {
    expect(roleGrants('owner', 'users:read')).toBe(false);
    expect(roleGrants('owner', 'users:write')).toBe(false);
  });
});
