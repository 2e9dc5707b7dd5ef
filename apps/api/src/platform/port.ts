/**
 * A port already in use is a message naming PORT, not a stack trace — checked before anything
 * is set up (demo data, tokens), and again when the server really listens (another program may
 * take the port in between).
 */
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  constructor(
    readonly port: number,
    command: string,
  ) {
    const other = port === 65535 || port === 0 ? 3001 : port + 1;
    super(`端口 ${port} 已被占用，请用 PORT=${other} ${command} 另选端口 (port ${port} is in use; set PORT)`);
  }
}

export const isAddressInUse = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';

/** Throws PortInUseError when `host:port` cannot be bound right now. */
export async function assertPortFree(host: string, port: number, command: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', (error) => reject(isAddressInUse(error) ? new PortInUseError(port, command) : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
