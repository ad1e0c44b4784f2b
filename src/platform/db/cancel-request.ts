import net from 'node:net';

/**
 * Asks PostgreSQL to cancel the statement a backend is running: the protocol's CancelRequest,
 * sent on a connection of its own (so it needs no pooled connection, which a busy pool may not
 * have). The backend is named by the process id and secret key it gave at connect. Best effort:
 * PostgreSQL does not answer a cancel request, and a statement that has already ended is unaffected.
 */
export function sendCancelRequest(
  server: { host: string; port: number },
  backend: { processID: number; secretKey: number },
): Promise<void> {
  return new Promise((resolve) => {
    const message = Buffer.alloc(16);
    message.writeInt32BE(16, 0);
    message.writeInt32BE(80877102, 4); // the CancelRequest code
    message.writeInt32BE(backend.processID, 8);
    message.writeInt32BE(backend.secretKey, 12);
    const socket = server.host.startsWith('/')
      ? net.connect(`${server.host}/.s.PGSQL.${server.port}`)
      : net.connect(server.port, server.host);
    socket.setTimeout(5_000);
    socket.once('connect', () => socket.end(message));
    socket.once('close', () => resolve());
    socket.once('error', () => resolve());
    socket.once('timeout', () => socket.destroy());
  });
}
