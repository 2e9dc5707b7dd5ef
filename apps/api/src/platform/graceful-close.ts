/**
 * Closing the HTTP server on SIGTERM / SIGINT without cutting anyone off: no new connections; the
 * requests in flight finish; a keep-alive connection is told `Connection: close` with its next
 * answer and closed once idle (a client that keeps asking would otherwise hold it open for good);
 * after `graceMs` whatever is still open is closed. Only then is the ledger closed.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { LedgerRuntime } from '@ledger/runtime';
import { Shutdown } from './shutdown';

export const SHUTDOWN_GRACE_MS = 10_000;

export function drainHttpServer(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const closing = (_request: IncomingMessage, response: ServerResponse) => {
      if (!response.headersSent) response.setHeader('connection', 'close');
    };
    server.on('request', closing);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // Closes the connections idle at this instant (Node does, since 19); one whose answer is on its
    // way stays open for the client's next request, answered with `Connection: close`, or until
    // the keep-alive timeout. Not closed while idle later: a client may be sending on it just then.
    server.close(() => {
      clearTimeout(force);
      server.off('request', closing);
      resolve();
    });
  });
}

/**
 * The owner's stop (npm start, the demo): long requests told to end (`Shutdown`), the HTTP server
 * drained, the app closed (its shutdown hooks), then the ledger; then the process exits 0.
 */
export function stopServing(app: INestApplication, ledger: LedgerRuntime): void {
  app.get(Shutdown).begin();
  void drainHttpServer(app.getHttpServer())
    .then(() => app.close())
    .then(() => ledger.close())
    .finally(() => process.exit(0));
}
