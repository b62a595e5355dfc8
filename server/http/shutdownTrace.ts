/**
 * Where a shutdown stands, and the connections it still waits for. A process has 10 s to stop: when it
 * overruns, the log names the step it was in; and once the update log is flushed, connections that linger
 * (a half-closed socket, a client that never finishes a close handshake) are destroyed rather than waited on.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Tracks the shutdown's current step and the server's open sockets. */
export class ShutdownTrace {
  private step = 'running';
  private stepStarted = Date.now();
  private readonly sockets = new Set<Socket>();

  constructor(server: Server) {
    const sockets = this.sockets;
    // One shared listener, not a closure per socket (memory at thousands of connections).
    function forget(this: Socket): void {
      sockets.delete(this);
    }
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', forget); // `on`, not `once`: once wraps the listener in a new closure per socket
    });
  }

  /** Marks the start of a named step. */
  enter(step: string): void {
    this.step = step;
    this.stepStarted = Date.now();
  }

  /** One line for the log: the step, how long it has run, what is still open. */
  describe(): string {
    return `${this.step} for ${Date.now() - this.stepStarted} ms; ${this.sockets.size} connection(s) open`;
  }

  /** Destroys every socket still open; returns how many there were. */
  destroyOpenSockets(): number {
    const n = this.sockets.size;
    for (const socket of this.sockets) socket.destroy();
    return n;
  }
}
