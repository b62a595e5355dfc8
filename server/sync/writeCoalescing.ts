/**
 * Coalesced broadcast writes. When one document broadcasts more than once in an event-loop turn (many people
 * typing at once), its recipients' sockets are corked until the turn's check phase, so each recipient gets one
 * `writev` (one loopback or network packet) for the lot instead of one write per update. A document's first
 * broadcast in a turn, all there is with one writer, is written at once as before: no added latency or work.
 */
import type { Duplex } from 'node:stream';

export class TurnCoalescer {
  private readonly broadcasting = new Set<object>();
  private readonly corked = new Set<Duplex>();
  private scheduled = false;

  /** Records a broadcast by `source`; true when `source` already broadcast in this turn (its writes should be corked). */
  repeatInTurn(source: object): boolean {
    if (this.broadcasting.has(source)) return true;
    this.broadcasting.add(source);
    this.schedule();
    return false;
  }

  /** Holds `socket`'s writes until the end of this turn (order is kept: writes queue behind one another). */
  cork(socket: Duplex): void {
    if (this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    this.broadcasting.clear();
    for (const socket of this.corked) socket.uncork();
    this.corked.clear();
  };
}

/** The process's coalescer: one per event loop. */
export const turnCoalescer = new TurnCoalescer();
