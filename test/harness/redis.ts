import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitForPort } from './ports';

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (clients see the connection drop). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** A throwaway `redis-server` (Debian's) on a free loopback port, no persistence; `password`: requirepass. */
export async function startRedis(opts: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const auth = opts.password === undefined ? [] : ['--requirepass', opts.password];
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], {
      stdio: 'ignore',
    });
    await waitForPort(port, 10_000);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  const userinfo = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}@`;
  return { url: `redis://${userinfo}127.0.0.1:${port}`, port, stop, start };
}
