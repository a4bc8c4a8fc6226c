import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestUpstream {
  url: string;
  port: number;
  /** Requests seen, in order. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export type UpstreamHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Default handler: `hello from <name> <path>` as text/plain, after reading the body. */
const echo =
  (name: string): UpstreamHandler =>
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'text/plain');
      res.setHeader('x-upstream', name);
      res.end(`hello from ${name} ${req.url}`);
    });
  };

/** A real HTTP server on a free loopback port, standing in for an API behind the gateway. */
export async function startUpstream(name = 'upstream', handler: UpstreamHandler = echo(name)): Promise<TestUpstream> {
  const requests: TestUpstream['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
