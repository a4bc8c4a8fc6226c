import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

/** Runs `node <script>`, prefixing every output line with the child's name. */
export function runNode(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const [stream, out] of [
    [proc.stdout, process.stdout],
    [proc.stderr, process.stderr],
  ] as const) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => out.write(prefix + line + '\n'));
  }
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    name,
    process: proc,
    exited,
    async stop(graceMs = 15_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls an HTTP URL until it answers 200, or the child exits. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<boolean> {
  return (await waitForJson(url, child, () => true, timeoutMs)) !== undefined;
}

/**
 * Polls an HTTP URL until it answers 200 with a JSON body that `pick` accepts (returns non-undefined),
 * or the child exits. Resolves with what `pick` returned, undefined on timeout or exit.
 */
export async function waitForJson<T>(url: string, child: Child, pick: (body: unknown) => T | undefined, timeoutMs = 60_000): Promise<T | undefined> {
  let gone = false;
  void child.exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!gone && Date.now() < deadline) {
    try {
      const res = await fetch(url);
      const body: unknown = res.status === 200 ? await res.json().catch(() => null) : undefined;
      const picked = res.status === 200 ? pick(body) : undefined;
      if (picked !== undefined) return picked;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
