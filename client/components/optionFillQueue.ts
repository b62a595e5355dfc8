/**
 * Fills long selects in the background a few per task (see ClonedOptionsSelect): each fill costs the browser its
 * options' style and layout once, so a table of hundreds of rows fills over a second or two without a long task.
 */
const PER_TASK = 6;
const waiting = new Set<() => void>();
let scheduled = false;

function runSome(): void {
  scheduled = false;
  let n = 0;
  for (const fill of waiting) {
    waiting.delete(fill);
    fill();
    if (++n >= PER_TASK) break;
  }
  if (waiting.size) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // When the page is idle (after a big table's own slices have mounted), and at the latest a second later.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(runSome, { timeout: 1000 });
  else setTimeout(runSome, 0);
}

/** Queues `fill` to run soon; returns a function that takes it off the queue (on unmount). */
export function fillSoon(fill: () => void): () => void {
  waiting.add(fill);
  schedule();
  return () => waiting.delete(fill);
}
