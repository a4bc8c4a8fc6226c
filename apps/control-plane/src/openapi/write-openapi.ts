import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROLLERS } from '../controllers';
import { buildOpenApi, serializeOpenApi } from './openapi-builder';

/** `npm run openapi -w @aya/control-plane`: writes the committed apps/control-plane/openapi.json. */
export const OPENAPI_FILE = path.join(__dirname, '..', '..', 'openapi.json');

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, serializeOpenApi(buildOpenApi(CONTROLLERS)));
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
