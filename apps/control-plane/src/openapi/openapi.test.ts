import 'reflect-metadata';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020';
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
    expect(Object.keys(create.responses as object)).toEqual(['201', '400', '401', '403', '404', '409', '413', '414', '415', '503']);
    expect(Object.keys(paths['/api/v1/auth/login'].post.responses as object)).toEqual(['200', '400', '401', '413', '415', '429', '503']);
    expect(paths['/api/v1/health'].get.security).toEqual([]);
    expect(paths['/internal/v1/nodes/heartbeat'].post.security).toEqual([{ clusterToken: [] }]);
    const list = paths['/api/v1/tenants'].get.parameters as Array<{ name: string; schema: object }>;
    expect(list.map((p) => p.name)).toEqual(['limit', 'cursor']);
    // generated from the zod schema the server parses the query with: an empty cursor is refused
    expect(list[1].schema).toEqual({ type: 'string', minLength: 1, maxLength: 200 });
  });

  it('is a valid OpenAPI 3.1 document whose schemas all compile as JSON Schema 2020-12', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    // zod adds formats of its own (`starts_with`): annotations, as in OpenAPI, not assertions; `required` in a
    // oneOf branch names properties declared beside it (fallback: service or response), which strictRequired flags
    const ajv = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false });
    ajv.addVocabulary(['openapi', 'info', 'paths', 'components']); // the document's own keys: the schemas are reached by $ref
    ajv.addSchema(doc, 'openapi.json');
    for (const name of Object.keys((doc.components as { schemas: object }).schemas)) {
      expect(() => ajv.getSchema(`openapi.json#/components/schemas/${name}`), name).not.toThrow();
    }
  });

  it('states the limits the server enforces beyond zod types: port range, url shape, predicates count, either-or', () => {
    const schemas = (doc.components as { schemas: Record<string, any> }).schemas;
    const target = schemas.UpstreamCreate.properties.targets.items.properties.target;
    expect(new RegExp(target.pattern).test('a:65535')).toBe(true);
    expect(new RegExp(target.pattern).test('a:65536')).toBe(false);
    expect(new RegExp(target.pattern).test('a:0')).toBe(false);
    expect(schemas.ServiceCreate.properties.url.pattern).toBeDefined();
    expect(schemas.RouteCreate.properties.headers.maxProperties).toBe(16);
    expect(JSON.stringify(schemas.RouteCreate.properties.fallback)).toContain('"oneOf"');
    expect(schemas.CertificateCreate.properties.cert.pattern).toContain('BEGIN CERTIFICATE');
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
