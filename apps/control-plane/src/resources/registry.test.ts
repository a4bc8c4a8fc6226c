import 'reflect-metadata';
import { CONFIG_KINDS } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../auth/permissions';
import { CONTROLLERS } from '../controllers';
import { buildOpenApi } from '../openapi/openapi-builder';
import { readOperations } from '../openapi/route-metadata';
import { operationTag } from './crud-controller';
import { RESOURCES } from './registry';
import { SNAPSHOT_PARTS } from './snapshot-parts';

type OpenApiOperation = { operationId: string; 'x-aya-permission'?: string; responses: Record<string, { content?: unknown }> };

const operations = readOperations(CONTROLLERS);
const doc = buildOpenApi(CONTROLLERS) as { paths: Record<string, Record<string, OpenApiOperation>>; components: { schemas: Record<string, unknown> } };

/** `api/v1/tenants/:tenant` -> `/api/v1/tenants/{tenant}` */
const openApiPath = (nest: string) => `/${nest.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

describe('resource registry', () => {
  it('holds each resource once: unique names, audit kinds and config kinds', () => {
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    expect(unique(RESOURCES.map((r) => r.name))).toBe(true);
    expect(unique(RESOURCES.map((r) => r.kind))).toBe(true);
    const kinds = RESOURCES.map((r) => r.configKind).filter((k) => k !== null);
    expect(unique(kinds)).toBe(true);
  });

  it.each(RESOURCES.map((r) => [r.name, r]))('%s: a config kind of the contract with its snapshot part, or explicitly none', (_name, r) => {
    if (r.configKind === null) {
      expect(r.snapshot).toBeUndefined();
      return;
    }
    expect(CONFIG_KINDS).toContain(r.configKind);
    expect(SNAPSHOT_PARTS[r.configKind]).toBe(r.snapshot);
    expect(r.snapshot).toBeDefined();
  });

  it('every config kind of the contract has a snapshot part (no kind is left out of the snapshot)', () => {
    for (const kind of CONFIG_KINDS) expect(SNAPSHOT_PARTS[kind], kind).toBeDefined();
  });

  it.each(RESOURCES.map((r) => [r.name, r]))('%s: derives list/get/create/replace/update/remove with its read/write permission (no replace only when declared)', (_name, r) => {
    const base = openApiPath(`${r.parent.path}/${r.name}`);
    const item = `${base}/{${r.idParam ?? 'id'}}`;
    const expected = [
      ['list', 'get', base, r.permissions.read, 200],
      ['get', 'get', item, r.permissions.read, 200],
      ['create', 'post', base, r.permissions.write, 201],
      ['replace', 'put', item, r.permissions.write, 200],
      ['update', 'patch', item, r.permissions.write, 200],
      ['remove', 'delete', item, r.permissions.write, 204],
    ] as const;
    expect(r.permissions.read).toMatch(/:read$/);
    expect(r.permissions.write).toMatch(/:write$/);
    expect(PERMISSIONS).toContain(r.permissions.read);
    expect(PERMISSIONS).toContain(r.permissions.write);
    for (const [handler, method, path, permission, status] of expected) {
      if (handler === 'replace' && r.replace === false) {
        expect(operations.find((o) => o.id === `${operationTag(r)}.replace`), 'declared without PUT').toBeUndefined();
        continue;
      }
      const op = operations.find((o) => o.id === `${operationTag(r)}.${handler}`);
      expect(op, `${r.name}.${handler}`).toMatchObject({ method, path, status, access: { kind: 'permission', permission } });
      expect(op?.pathParams).toEqual([...r.parent.params, ...(path === item ? [r.idParam ?? 'id'] : [])]);
      expect(op?.paged).toBe(handler === 'list');
      expect(op?.body, `${r.name}.${handler} body`).toBe(
        handler === 'create' || handler === 'replace' ? r.schemas.create : handler === 'update' ? r.schemas.patch : undefined,
      );
    }
  });

  it.each(RESOURCES.map((r) => [r.name, r]))('%s: appears in OpenAPI with its response schemas and extra routes', (_name, r) => {
    const schemas = doc.components.schemas;
    expect(schemas[r.responses.item.name]).toBeDefined();
    expect(schemas[`${r.responses.item.name}Page`]).toBeDefined();
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    const handlers = ['list', 'get', 'create', ...(r.replace === false ? [] : ['replace']), 'update', 'remove'];
    for (const handler of handlers) expect(ids).toContain(`${operationTag(r)}.${handler}`);
    for (const extra of r.routes ?? []) {
      const path = openApiPath(`${r.parent.path}/${r.name}/${extra.path}`);
      const op = doc.paths[path]?.[extra.method];
      expect(op?.operationId).toBe(`${operationTag(r)}.${extra.name}`);
      expect(op?.['x-aya-permission']).toBe(extra.permission);
      expect(schemas[extra.response.name]).toBeDefined();
    }
  });
});
