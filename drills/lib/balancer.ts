import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A tiny TCP balancer standing in for the L4 load balancer in front of a gateway fleet: each
 * client connection goes to the next backend in turn; a backend whose connect fails (refused:
 * the gateway stopped listening) is skipped for that connection. Bytes are piped both ways, and
 * either side closing closes the other, as an L4 balancer does.
 */
export interface Balancer {
  url: string;
  port: number;
  setBackends(ports: number[]): void;
  /** Client connections accepted per backend port. */
  connections: Record<number, number>;
  /** Socket errors seen, as `<side> <backend port> <code>` -> count (side: client or backend). */
  errors: Record<string, number>;
  close(): Promise<void>;
}

export async function startBalancer(backendPorts: number[]): Promise<Balancer> {
  let backends = [...backendPorts];
  let next = 0;
  const connections: Record<number, number> = {};
  const errors: Record<string, number> = {};
  const count = (key: string) => (errors[key] = (errors[key] ?? 0) + 1);
  const codeOf = (err: Error) => (err as NodeJS.ErrnoException).code ?? err.name;
  const open = new Set<net.Socket>();

  // each connection tries the backends in order from its own start, so concurrent refusals cannot make it skip a live one
  const connect = (client: net.Socket, start: number, tried: number) => {
    if (tried >= backends.length) {
      count('client refused: no backend connects');
      return client.destroy();
    }
    const port = backends[(start + tried) % backends.length];
    const upstream = net.connect(port, '127.0.0.1');
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const onConnectError = () => connect(client, start, tried + 1);
    upstream.once('error', onConnectError);
    upstream.once('connect', () => {
      upstream.off('error', onConnectError);
      connections[port] = (connections[port] ?? 0) + 1;
      upstream.on('error', (err) => (count(`backend ${port} ${codeOf(err)}`), client.destroy()));
      client.on('error', (err) => (count(`client ${port} ${codeOf(err)}`), upstream.destroy()));
      // an end (FIN) is passed on by pipe() after the bytes before it; a reset destroys the other side
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.once('close', (hadError) => hadError && client.destroy());
      client.once('close', (hadError) => hadError && upstream.destroy());
      client.resume();
      let fromBackend = 0;
      upstream.on('data', (d: Buffer) => (fromBackend += d.length));
      upstream.once('end', () => fromBackend === 0 && count(`backend ${port} closed before answering`));
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    connect(client, next++, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setBackends: (ports) => void (backends = [...ports]),
    connections,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
