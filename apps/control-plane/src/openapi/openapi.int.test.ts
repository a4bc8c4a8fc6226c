import { Validator } from '@seriousme/openapi-schema-validator';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startControlPlane, type ControlPlane } from '../../../../test/harness';
import { OPENAPI_FILE } from './write-openapi';

describe('GET /api/openapi.json (the built control plane)', () => {
  let cp: ControlPlane;

  beforeAll(async () => {
    cp = await startControlPlane({ databaseUrl: await createDatabase() });
  });
  afterAll(async () => {
    await cp?.stop();
  });

  it('serves exactly the committed openapi.json, a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${cp.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const served: unknown = await res.json();
    // the committed file is held to the code by openapi.test.ts; this holds the running server to the file
    expect(served, 'the served document differs from apps/control-plane/openapi.json: rebuild, then `npm run openapi -w @aya/control-plane`').toEqual(
      JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')),
    );
    const validator = new Validator();
    const result = await validator.validate(served as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
  });
});
