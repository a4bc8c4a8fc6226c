import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Secrets the embedded stack generates once and keeps in the data dir (mode 0600). */
export interface LocalSecrets {
  clusterToken: string;
  postgresPassword: string;
}

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    clusterToken: randomBytes(32).toString('hex'),
    postgresPassword: randomBytes(16).toString('hex'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
