import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_DEFAULTS, type Snapshot, type SnapshotRoute, type SnapshotService, type SnapshotUpstream } from '@aya/config-schema';
import { snapshotHash } from '@aya/config-schema/hash';
import { ConfigRejectedError } from '../config/config-state';

/** Test-only helpers: real servers on loopback port 0. Excluded from the build. */

export async function tempDir(prefix = 'aya-gw-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Polls `check` every 20 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function listenOn(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listenOn(s);
  await closeServer(s);
  return port;
}

export interface TestUpstream {
  name: string;
  port: number;
  server: Server;
  hits: number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Default: echoes method, url, headers and body length as JSON, naming itself. */
export function echoHandler(name: string): Handler {
  return (req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      const body = JSON.stringify({ name, method: req.method, url: req.url, headers: req.headers, bytes });
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name });
      res.end(body);
    });
  };
}

export async function startUpstream(name: string, handler: Handler = echoHandler(name)): Promise<TestUpstream> {
  const up: TestUpstream = {
    name,
    port: 0,
    hits: 0,
    server: createServer((req, res) => {
      up.hits++;
      handler(req, res);
    }),
    close: () => closeServer(up.server),
  };
  up.port = await listenOn(up.server);
  return up;
}

export function service(id: string, over: Partial<SnapshotService> = {}): SnapshotService {
  return {
    id,
    tenant: 'default',
    name: id,
    protocol: 'http',
    host: null,
    port: null,
    upstreamId: null,
    path: '/',
    connectTimeoutMs: 2_000,
    readTimeoutMs: 5_000,
    retries: 0,
    ...over,
  };
}

/** A service as the control plane creates it when the user sets nothing but its url: the shipped defaults. */
export function defaultService(id: string, over: Partial<SnapshotService> = {}): SnapshotService {
  const { connectTimeoutMs, readTimeoutMs, retries } = SERVICE_DEFAULTS;
  return service(id, { connectTimeoutMs, readTimeoutMs, retries, ...over });
}

export function route(id: string, serviceId: string, paths: string[], over: Partial<SnapshotRoute> = {}): SnapshotRoute {
  return { id, tenant: 'default', name: id, serviceId, paths, methods: [], hosts: [], stripPath: false, ...over };
}

export function upstream(id: string, targets: { port: number; weight?: number; host?: string }[], algorithm: SnapshotUpstream['algorithm'] = 'round-robin'): SnapshotUpstream {
  return {
    id,
    tenant: 'default',
    name: id,
    algorithm,
    targets: targets.map((t) => ({ host: t.host ?? '127.0.0.1', port: t.port, weight: t.weight ?? 100 })),
  };
}

export function configText(revision: number, snapshot: Omit<Snapshot, 'revision'>): string {
  const full: Snapshot = { revision, ...snapshot };
  return JSON.stringify({ revision, hash: snapshotHash(full), snapshot: full });
}

export async function writeSnapshotFile(dataDir: string, revision: number, snapshot: Omit<Snapshot, 'revision'>): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'snapshot.json'), configText(revision, snapshot));
}

/** The ConfigRejectedError code `fn` throws ('other' for any other error, undefined when it does not throw). */
export function rejectionCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ConfigRejectedError ? err.code : 'other';
  }
  return undefined;
}
