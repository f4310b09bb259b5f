import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long a server that is closing answers its in-flight requests, unless told otherwise. */
export const DEFAULT_DRAIN_MS = 10_000;

/**
 * Makes `http` closable gracefully; call it right after creating the server, so that it sees
 * every connection. The returned function stops accepting connections at once, answers the
 * requests the server already has, and resolves when the last connection is gone:
 * - a keep-alive connection that is idle after an answer, or becomes so, is closed straight away,
 *   so a client holding one open cannot keep the drain waiting;
 * - the listener stays open until nothing is in flight (connections waiting in the listen
 *   backlog have their request sent already: they are accepted and answered), and
 * - a connection that has not sent its first request yet is left alone (its request may be in
 *   the socket's buffer while the event loop was busy: Node's own `server.close()` would cut it,
 *   which is why the listening socket is closed the plain `net` way);
 * - an answer that leaves during the drain says `Connection: close`;
 * - what is still open after `drainMs` is cut.
 */
export function gracefulClose(http: Server): (drainMs?: number) => Promise<void> {
  const sockets = new Set<Socket>();
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  const served = new WeakSet<Socket>();
  let draining = false;
  const closeIfIdle = (socket: Socket) => {
    if (draining && served.has(socket) && !inFlight.has(socket)) socket.end();
  };
  http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      inFlight.delete(socket);
    });
  });
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const open = inFlight.get(socket) ?? new Set<ServerResponse>();
    open.add(res);
    inFlight.set(socket, open);
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      open.delete(res);
      if (!open.size && inFlight.get(socket) === open) inFlight.delete(socket);
      served.add(socket);
      closeIfIdle(socket);
    });
  });
  let stopListening: (() => void) | undefined;
  const whenIdle = () => {
    if (draining && inFlight.size === 0) stopListening?.();
  };
  http.on('request', (_req: IncomingMessage, res: ServerResponse) => res.once('close', () => setImmediate(whenIdle)));
  return (drainMs = DEFAULT_DRAIN_MS) =>
    new Promise<void>((resolve) => {
      draining = true;
      for (const open of inFlight.values()) for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
      const cut = setTimeout(() => {
        stopListening?.();
        for (const socket of sockets) socket.destroy();
      }, Math.max(0, drainMs));
      // The timer only serves the drain: it must not keep a process alive that is otherwise done.
      cut.unref();
      for (const socket of sockets) closeIfIdle(socket);
      // The listener stays open while requests are in flight: connections the kernel completed
      // while the event loop was busy wait in the listen backlog with their request already
      // sent, and closing the listener would reset them. They are accepted and answered (with
      // `Connection: close`); once nothing is in flight, or at the end of the drain, it closes.
      let stopped = false;
      stopListening = () => {
        if (stopped) return;
        stopped = true;
        NetServer.prototype.close.call(http, () => {
          clearTimeout(cut);
          resolve();
        });
      };
      // One more poll phase first, so a backlog that is already there is taken in.
      setTimeout(() => setImmediate(whenIdle), 50);
    });
}

/** Waits for `step` at most `ms`: true when it settled in time (done or failed), false when the time ran out first. */
export function settledWithin(step: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return Promise.race([step.then(() => true, () => true), timeout]).finally(() => clearTimeout(timer));
}
