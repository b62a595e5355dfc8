/** A plan's stored clocks: per client, the clock up to which its content is stored, and the saved state vector. */
import * as Y from 'yjs';

/** Per client, the clock up to which a plan's content is stored, with its state vector encoded only when read. */
export class StoredClocks {
  /** Per client, the clock up to which this document's content is stored (change through the methods below). */
  private clocks = new Map<number, number>();
  /** `stateVector`, encoded on first read after a change: most saves are announced to nobody. */
  private vectorCache: string | null = null;

  /** Counts an update as stored: each client's stored clock moves to the end of its structs in it. */
  markUpdate(update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (this.clocks.get(client) ?? 0)) {
        this.clocks.set(client, clock);
        this.vectorCache = null;
      }
    }
  }

  /** Counts stored what an update's transaction reached: flat [client, clock, …] pairs (see logWiring's reachOf). */
  markReach(reach: readonly number[]): void {
    for (let i = 0; i < reach.length; i += 2) {
      if (reach[i + 1] > (this.clocks.get(reach[i]) ?? 0)) {
        this.clocks.set(reach[i], reach[i + 1]);
        this.vectorCache = null;
      }
    }
  }

  /** Per client, the clock up to which the content is stored. */
  get map(): ReadonlyMap<number, number> {
    return this.clocks;
  }

  /** Sets what is stored (on load: everything applied so far). */
  set(clocks: Map<number, number>): void {
    this.clocks = clocks;
    this.vectorCache = null;
  }

  /** Base64 state vector of what is stored. */
  get stateVector(): string {
    this.vectorCache ??= Buffer.from(Y.encodeStateVector(this.clocks)).toString('base64');
    return this.vectorCache;
  }

  /** Whether everything up to `vector` (a client's state vector) is stored. */
  covers(vector: Map<number, number>): boolean {
    for (const [client, clock] of vector) if ((this.clocks.get(client) ?? 0) < clock) return false;
    return true;
  }
}
