import { createServer, type Server, type Socket } from 'node:net';

export interface SilentDatabase {
  readonly port: number;
  /** Resolves once a first connection has come in (the process is then opening its ledger). */
  readonly dialled: Promise<void>;
  /** `postgres://ledger:<password>@127.0.0.1:<port>/ledger` */
  url(password: string): string;
  close(): Promise<void>;
}

/**
 * A TCP server on 127.0.0.1 that stands for a database host that cannot be reached, deterministically
 * (a non-routable address behaves differently from one network to another): `silent` accepts each
 * connection and never answers, as a host whose replies are dropped; `closing` closes each one at
 * once (FIN, not a reset), as a proxy or a load balancer with nothing behind it.
 */
export async function silentDatabase(behaviour: 'silent' | 'closing'): Promise<SilentDatabase> {
  const sockets = new Set<Socket>();
  let dialledNow = () => undefined as void;
  const dialled = new Promise<void>((resolve) => (dialledNow = resolve));
  const server: Server = createServer((socket) => {
    dialledNow();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (behaviour === 'closing') socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    dialled,
    url: (password) => `postgres://ledger:${password}@127.0.0.1:${port}/ledger`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
