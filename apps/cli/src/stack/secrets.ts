import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Secrets the embedded stack generates once and keeps in the data dir (mode 0600). */
export interface LocalSecrets {
  clusterToken: string;
  postgresPassword: string;
  /** encrypts private keys at rest (AYA_SECRET_KEY) */
  secretKey: string;
}

const generators: { [K in keyof LocalSecrets]: () => string } = {
  clusterToken: () => randomBytes(32).toString('hex'),
  postgresPassword: () => randomBytes(16).toString('hex'),
  secretKey: () => randomBytes(32).toString('hex'),
};

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<LocalSecrets> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  // a data dir from an older version lacks newer secrets: add them, never replace existing ones
  const missing = (Object.keys(generators) as (keyof LocalSecrets)[]).filter((k) => !stored[k]);
  for (const key of missing) stored[key] = generators[key]();
  if (missing.length) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored as LocalSecrets;
}
