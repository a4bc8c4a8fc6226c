import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Upstream targets for the drills. A target process is a real `node` process answering
 * `200 <name>` with `x-upstream: <name>`, so a drill can SIGKILL it (the kernel closes its sockets
 * as in a crash) and start it again on the same port.
 */
const TARGET_SCRIPT = `
const http = require('node:http');
const name = process.env.TARGET_NAME;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': name });
    res.end(name);
  });
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.TARGET_PORT), '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

export interface TargetProcess {
  name: string;
  port: number;
  /** `127.0.0.1:<port>`, as an upstream target */
  target: string;
  pid(): number | undefined;
  /** SIGKILL: no goodbye, as a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

/** Target processes still running, killed if the drill process exits without cleaning up. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export async function startTargetProcess(name: string): Promise<TargetProcess> {
  let child: ChildProcess | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, ['-e', TARGET_SCRIPT], {
        env: { ...process.env, TARGET_NAME: name, TARGET_PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      live.add(c);
      c.once('exit', () => live.delete(c));
      let out = '';
      c.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) {
          port = Number(m[1]);
          resolve();
        }
      });
      c.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      c.once('exit', (code) => reject(new Error(`target ${name} exited with ${code}: ${out}`)));
    });
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  return {
    name,
    get port() {
      return port;
    },
    get target() {
      return `127.0.0.1:${port}`;
    },
    pid: () => child?.pid,
    kill,
    restart: start,
  };
}

/**
 * An in-process target that answers like a target process until `hang()`: from then on it accepts
 * connections and reads requests but never answers. It keeps the timestamps of the requests it
 * got and counts its open sockets, so a drill can see when the gateway stopped sending and
 * whether sockets pile up.
 */
export interface HangableTarget {
  name: string;
  port: number;
  target: string;
  hang(): void;
  /** Arrival times (epoch ms) of requests received while hanging. */
  hungArrivals: number[];
  openSockets(): number;
  close(): Promise<void>;
}

export async function startHangableTarget(name: string): Promise<HangableTarget> {
  let hanging = false;
  const hungArrivals: number[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    req.resume();
    if (hanging) {
      hungArrivals.push(Date.now());
      return; // never answers; the socket stays open until the peer gives up
    }
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-upstream': name });
      res.end(name);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    port,
    target: `127.0.0.1:${port}`,
    hang: () => void (hanging = true),
    hungArrivals,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Open sockets of a process (Linux: entries of /proc/<pid>/fd that are sockets). */
export function processSockets(pid: number): number {
  let n = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      /* closed meanwhile */
    }
  }
  return n;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
