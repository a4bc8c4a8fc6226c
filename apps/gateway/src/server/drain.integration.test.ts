import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway';
import { silentLogger } from '../log';
import { closedPort, route, service, startUpstream, tempDir, writeSnapshotFile } from '../testing/fixtures';

// SIGTERM drain and idle keep-alive connections. A client that reuses a connection the gateway
// just closed sees its request fail (the keep-alive race): behind a load balancer, every
// connection that was idle at SIGTERM could lose a request. The drain instead answers the next
// request on such a connection, with `Connection: close`, and only closes connections that stay idle.

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** One raw HTTP/1.1 connection: send a GET, read one whole response (Content-Length framed). */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let buf = '';
  let closed = false;
  const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('data', (d: Buffer) => (buf += d.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  return {
    async get(path: string): Promise<{ head: string; body: string }> {
      buf = '';
      socket.write(`GET ${path} HTTP/1.1\r\nhost: drain.test\r\n\r\n`);
      const deadline = Date.now() + 5_000;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        const len = end >= 0 ? Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? -1) : -1;
        if (end >= 0 && len >= 0 && buf.length >= end + 4 + len) return { head: buf.slice(0, end), body: buf.slice(end + 4, end + 4 + len) };
        if (closed) throw new Error(`connection closed before a whole response (got ${JSON.stringify(buf)})`);
        if (Date.now() > deadline) throw new Error(`no whole response (got ${JSON.stringify(buf)})`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    /** Resolves when the server closed the connection (the test times out otherwise). */
    gone: () => gone,
    destroy: () => socket.destroy(),
  };
}

describe('drain on stop()', () => {
  it('a keep-alive connection idle when the drain starts still gets its next request answered, with Connection: close', async () => {
    const up = await startUpstream('a', (req, res) => {
      req.resume();
      const body = `hello from a ${req.url}`;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    closers.push(() => up.close());
    const dataDir = await tempDir();
    await writeSnapshotFile(dataDir, 1, { services: [service('s', { host: '127.0.0.1', port: up.port })], routes: [route('r', 's', ['/'])], upstreams: [] });
    const gw = await startGateway({
      proxyPort: 0,
      proxyHost: '127.0.0.1',
      statusPort: null,
      tlsPort: null,
      controlPlaneUrl: `http://127.0.0.1:${await closedPort()}`,
      clusterToken: 't',
      dataDir,
      logger: silentLogger,
    });
    closers.push(() => gw.stop());

    const c = rawClient(gw.proxyPort);
    closers.push(async () => c.destroy());
    const first = await c.get('/one');
    expect(first.body).toBe('hello from a /one');
    expect(first.head).not.toMatch(/connection: close/i);

    // the connection is idle now; the drain starts, and the client sends its next request on it
    const stopped = gw.stop();
    const second = await c.get('/two');
    expect(second.body).toBe('hello from a /two');
    expect(second.head).toMatch(/^connection: close$/im);
    await stopped;
    await c.gone();
    // no new connections once draining
    await expect(
      new Promise((resolve, reject) => net.connect(gw.proxyPort, '127.0.0.1').once('connect', resolve).once('error', reject)),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
