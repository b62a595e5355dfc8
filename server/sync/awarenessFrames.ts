/**
 * Checks of y-websocket awareness frames before anything is applied: whose states a frame speaks for (read without
 * decoding them), and whether each state is valid JSON of bounded size and depth.
 */
import * as decoding from 'lib0/decoding';

/** A frame that cannot be taken as it is: its connection closes with 4400. */
export class MalformedFrame extends Error {}

/**
 * An awareness update's client ids, read without decoding the states (most frames are echoes, dropped unread);
 * ids whose state is a removal (`null`) are negative, so they can be told apart without a second pass. When
 * `clocks` is given, each id's clock is pushed onto it, in the same order.
 */
export function awarenessIdsOf(update: Uint8Array, clocks?: number[]): number[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > 10000) throw new MalformedFrame('too many awareness states');
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = decoding.readVarUint8Array(d);
    ids.push(isNullState(state) ? -id - 1 : id);
    clocks?.push(clock);
  }
  return ids;
}

/** Whether an awareness state is the JSON `null` of a removal. */
function isNullState(state: Uint8Array): boolean {
  return state.length === 4 && state[0] === 110 && state[1] === 117 && state[2] === 108 && state[3] === 108;
}

/** An awareness state over the size limit (closes with 1009, not 4400). */
export class StateTooLarge extends Error {}

const utf8 = new TextDecoder();

/**
 * Checks an awareness update's states fully before it is applied, so a bad or oversized one changes nothing.
 * Returns whether `flag` held for any state (read from the same parse).
 */
export function validateAwarenessStates(update: Uint8Array, maxStateBytes: number, flag?: (state: unknown) => boolean): boolean {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  let flagged = false;
  for (let i = 0; i < n; i++) {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const state = decoding.readVarUint8Array(d);
    if (state.byteLength > maxStateBytes) throw new StateTooLarge();
    const parsed = JSON.parse(utf8.decode(state)) as unknown;
    // JSON.parse takes any depth, but y-protocols re-encodes every state with JSON.stringify, which recurses: a
    // state 30,000 arrays deep overflowed the stack in the broadcast timer and took the node down.
    if (!shallowerThan(parsed, MAX_AWARENESS_DEPTH)) throw new MalformedFrame('awareness state nested too deeply');
    if (flag && !flagged && flag(parsed)) flagged = true;
  }
  return flagged;
}

const MAX_AWARENESS_DEPTH = 32;

/** Whether a parsed JSON value nests fewer than `depth` levels (recursion never goes deeper than that). */
function shallowerThan(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth <= 1) return false;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (!shallowerThan(child, depth - 1)) return false;
  return true;
}
