import 'reflect-metadata';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTROLLERS } from '../controllers';
import { renderDocsPage } from './docs-page';
import { buildOpenApi, serializeOpenApi } from './openapi-builder';
import { readOperations } from './route-metadata';
import { OPENAPI_FILE } from './write-openapi';

describe('openapi.json', () => {
  const doc = buildOpenApi(CONTROLLERS);

  it('is committed and in sync with the code (run `npm run openapi -w @aya/control-plane`)', () => {
    const committed = fs.existsSync(OPENAPI_FILE) ? fs.readFileSync(OPENAPI_FILE, 'utf8') : '';
    expect(committed, 'apps/control-plane/openapi.json is stale: run `npm run openapi -w @aya/control-plane`').toBe(serializeOpenApi(doc));
  });

  it('describes every handler, with its access rule and request schema', () => {
    const ops = readOperations(CONTROLLERS);
    expect(ops.length).toBeGreaterThan(30);
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const op of ops) expect(paths[op.path]?.[op.method]?.operationId, op.id).toBe(op.id);
    const create = paths['/api/v1/tenants/{tenant}/services'].post;
    expect(create['x-aya-permission']).toBe('services:write');
    expect(create.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ServiceCreate' } } } });
    expect(Object.keys(create.responses as object)).toEqual(['201', '400', '401', '403', '404', '409']);
    expect(paths['/api/v1/health'].get.security).toEqual([]);
    expect(paths['/internal/v1/nodes/heartbeat'].post.security).toEqual([{ clusterToken: [] }]);
    const list = paths['/api/v1/tenants'].get.parameters as Array<{ name: string }>;
    expect(list.map((p) => p.name)).toEqual(['limit', 'cursor']);
  });

  it('names request schemas after the contract exports, with zod defaults as input-optional', () => {
    const schemas = (doc.components as { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> }).schemas;
    expect(schemas.UpstreamCreate.required).toEqual(['name']);
    expect(Object.keys(schemas.RouteCreate.properties ?? {})).toEqual(expect.arrayContaining(['name', 'service', 'paths']));
    expect(schemas.Heartbeat).toBeDefined();
  });

  it('renders a docs page listing the operations, escaped', () => {
    const html = renderDocsPage(doc);
    expect(html).toContain('<code>/api/v1/tenants/{tenant}/routes/{id}</code>');
    expect(html).toContain('routes:write');
    expect(renderDocsPage({ info: { title: '<script>' } })).not.toContain('<script>');
  });
});
