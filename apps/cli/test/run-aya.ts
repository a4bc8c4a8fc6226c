import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../../test/harness';

/** The built CLI (`npx nx run @aya/cli:build`): the tests run it as a user would, a child process over real sockets. */
export const CLI = path.join(REPO_ROOT, 'apps/cli/dist/main.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** env over the connection's; `undefined` removes a variable */
  env?: Record<string, string | undefined>;
  input?: string;
}

/**
 * `aya <args>` against a control plane, pointed at it by env (AYA_URL, AYA_TOKEN) as a user would set it; the
 * caller's own AYA_TENANT / AYA_PASSWORD never leak in. `connection` is read at each run (the control plane
 * starts in beforeAll).
 */
export function ayaRunner(connection: () => { url: string; adminToken: string }) {
  return (args: string[], opts: RunOptions = {}): Promise<Run> => {
    const { url, adminToken } = connection();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, AYA_URL: url, AYA_TOKEN: adminToken, AYA_TENANT: undefined, AYA_PASSWORD: undefined, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(opts.input ?? '');
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  };
}
