/**
 * A lazily loaded plan's stored state (one compacted snapshot) held undecoded: applied to the plan's `Y.Doc` on
 * first use, else once its joins have been quiet, and never while replies served from it are still being written.
 */
import * as Y from 'yjs';
import type { StoredClocks } from './storedClocks.js';

/** Origin of applying a document's stored state when it is loaded: already stored, already known to every peer. */
export const LOAD_ORIGIN = Symbol('load');

/**
 * A lazily loaded plan that nothing needed decoded (fresh readers only) is decoded once its joins have been quiet
 * for a while, so a first edit later finds it ready and the server's opening sync step 1 (which waits for the decode)
 * goes out while people are still arriving, not in a burst seconds later. The wait gives the fresh readers time to
 * apply what they were sent (about 0.25 s per MB of fine-grained edits) before the decode competes with them for a
 * shared machine's cores: a second per MB stored, at least QUIET_DECODE_MIN_MS. Until then the plan costs the stored
 * bytes only (2 MB against 28 MB of heap decoded for a plan of 100,000 edits).
 */
const QUIET_DECODE_MIN_MS = 250;
const QUIET_DECODE_MS_PER_MB = 1000;
/** Joins that keep coming, or a plan of many megabytes, do not hold the decode back longer than this after the load. */
const LATEST_DECODE_MS = 5000;

/** One plan's stored state not yet applied to its `Y.Doc`, and when to apply it. */
export class LazyDecode {
  /**
   * The stored state (one compacted snapshot) not yet applied to the doc. Decoding a large
   * plan takes about as long as a client takes to apply it (0.5 s for 100,000 edits), so a fresh joiner gets
   * these stored bytes as they are and the server decodes them meanwhile; the doc applies them on first use.
   */
  private stored: Uint8Array | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** When the stored state is decoded at the latest, joins or not (see LATEST_DECODE_MS). */
  private deadline = 0;
  private onDecoded: Array<() => void> = [];
  /** Replies served from `stored` not yet handed to the kernel: decoding now would hold them back. */
  private repliesInFlight = 0;

  constructor(
    private readonly ydoc: Y.Doc,
    /** Set from the doc once the stored state is applied (its clocks are all stored). */
    private readonly storedClocks: StoredClocks,
  ) {}

  /** The stored bytes still waiting to be applied; null once decoded (or when the plan was loaded eagerly). */
  get pending(): Uint8Array | null {
    return this.stored;
  }

  /**
   * Holds `update` (a snapshot) to become the doc's content on first use. Even its state vector waits (reading it
   * from the update costs a tenth of decoding it): the stored clocks are set when it is applied, before any edit
   * can be (an edit goes through the plan's `doc`, which decodes first).
   */
  hold(update: Uint8Array): void {
    this.stored = update;
    this.deadline = Date.now() + LATEST_DECODE_MS;
    this.schedule();
  }

  /**
   * Decoded on first use, else once joins are quiet: not while replies just served are still being written, nor
   * while their clients apply them (on a machine they share, that halved their speed in the coldload bench).
   */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const quiet = Math.max(QUIET_DECODE_MIN_MS, ((this.stored?.byteLength ?? 0) / 2 ** 20) * QUIET_DECODE_MS_PER_MB);
    const wait = Math.min(quiet, Math.max(0, this.deadline - Date.now()));
    this.timer = setTimeout(() => this.decodeWhenIdle(), wait);
    this.timer.unref();
  }

  /** Counts a reply served from the stored bytes; returns the callback for when it is written (undefined when decoded). */
  replyServed(): (() => void) | undefined {
    if (!this.stored) return undefined;
    this.repliesInFlight++;
    return () => {
      this.repliesInFlight--;
      if (!this.repliesInFlight && this.stored) this.schedule();
    };
  }

  private decodeWhenIdle(): void {
    this.timer = undefined;
    if (!this.repliesInFlight) this.decodeNow(); // else: the last write's callback schedules it again
  }

  /** Applies the stored state now if it is still pending. */
  decodeNow(): void {
    const stored = this.stored;
    if (!stored) return;
    this.stored = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    Y.applyUpdate(this.ydoc, stored, LOAD_ORIGIN);
    this.storedClocks.set(Y.decodeStateVector(Y.encodeStateVector(this.ydoc)));
    for (const fn of this.onDecoded.splice(0)) fn();
  }

  /** Runs `fn` once the stored state is applied (now if it is). */
  whenDecoded(fn: () => void): void {
    if (this.stored) this.onDecoded.push(fn);
    else fn();
  }

  /** Stops waiting: the plan is being destroyed, its stored state is never applied. */
  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stored = null;
    this.onDecoded = [];
  }
}
