import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import committed from './schema.d.ts?raw';

// The committed types must be what `npm run api-types -w @aya/console` (the openapi-typescript CLI with
// `--default-non-nullable false`) writes from the committed OpenAPI document; the control plane's own test keeps
// that document current. That option: a property with a default is optional where `required` leaves it out (a
// request body may omit it), not made required as the generator does by default.
// (A URL, not an import: the console imports nothing of the control plane's.)
const openapiDocument = new URL('../../../../control-plane/openapi.json', import.meta.url);

describe('generated API types (lib/api/schema.d.ts)', () => {
  it('match apps/control-plane/openapi.json', async () => {
    const fresh = `${COMMENT_HEADER}${astToString(await openapiTS(openapiDocument, { defaultNonNullable: false }))}`;
    if (committed !== fresh) {
      expect.fail('apps/console/src/lib/api/schema.d.ts is stale: run npm run api-types -w @aya/console and commit it');
    }
  });
});
