/**
 * Coalesced broadcasts. When one document broadcasts more than once in an event-loop turn (many people typing at
 * once), its repeats are held to the turn's check phase and each recipient then gets them as one buffer in one
 * write, instead of one write (and one queued chunk in its socket's stream) per update per recipient. A document's
 * first broadcast in a turn, all there is with one writer, is written at once as before: no added latency or work.
 */
export class TurnCoalescer {
  private readonly broadcasting = new Set<object>();
  private readonly atEnd: Array<() => void> = [];
  private scheduled = false;

  /** Records a broadcast by `source`; true when `source` already broadcast in this turn (hold this one: see `atEndOfTurn`). */
  repeatInTurn(source: object): boolean {
    if (this.broadcasting.has(source)) return true;
    this.broadcasting.add(source);
    this.schedule();
    return false;
  }

  /** Runs `flush` at the end of this turn (its check phase), once every broadcast of the turn is made. */
  atEndOfTurn(flush: () => void): void {
    this.atEnd.push(flush);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    this.broadcasting.clear();
    for (const flush of this.atEnd.splice(0)) flush();
  };
}

/** The process's coalescer: one per event loop. */
export const turnCoalescer = new TurnCoalescer();
