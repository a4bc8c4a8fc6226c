import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/process';

// No Docker engine runs here: the compose file is validated by Debian's docker-compose and the
// Dockerfiles are checked for sources that do not exist, the usual way they rot.
const compose = (env: Record<string, string>) =>
  spawnSync('docker-compose', ['-f', 'docker/docker-compose.yml', 'config', '--services'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

describe('docker', () => {
  it('docker-compose.yml is valid and runs postgres, redis, a control plane and two gateways', () => {
    const r = compose({ AYA_CLUSTER_TOKEN: 'a'.repeat(64), AYA_SECRET_KEY: 'b'.repeat(64) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(['control-plane', 'gateway-1', 'gateway-2', 'postgres', 'redis']);
  });

  it.each(['AYA_CLUSTER_TOKEN', 'AYA_SECRET_KEY'])('refuses to start without %s', (name) => {
    const r = compose({ AYA_CLUSTER_TOKEN: 'a'.repeat(64), AYA_SECRET_KEY: 'b'.repeat(64), [name]: '' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(name);
  });

  const dockerfiles = fs.readdirSync(path.join(REPO_ROOT, 'docker')).filter((f) => f.endsWith('.Dockerfile'));
  it.each(dockerfiles)('%s copies only files that exist and is multi-stage', (file) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'docker', file), 'utf8');
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const copies = [...text.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) => m[1].trim().split(/\s+/).slice(0, -1));
    for (const src of copies.flat()) expect(fs.existsSync(path.join(REPO_ROOT, src)), `${file}: COPY ${src}`).toBe(true);
  });
});
