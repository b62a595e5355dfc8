/**
 * After a redeploy the built chunks get new names, and a tab opened before it asks for files the server no longer
 * has. Reloading once fetches the new version; plan edits live in IndexedDB, so nothing typed is lost. A second
 * failure soon after (the file is really missing, the network is down) must not reload again and again: the page
 * shows a message instead (PageErrorBoundary). Nor does a chunk that failed because the server is down: reloading then
 * left the app for the browser's own "site can't be reached" page.
 */

const RELOADED_AT_KEY = 'enlace.staleChunkReloadAt';
/** A failure this soon after our own reload is not a stale tab any more: reloading again would loop. */
const RELOAD_WINDOW_MS = 30_000;

let reloading = false;

/** Whether a thrown value is a failed load of a code-split chunk (or of a file it preloads). */
export function isChunkLoadError(err: unknown): boolean {
  if (err instanceof PageLoadError) return true;
  if (!(err instanceof Error)) return false;
  // Chromium, Firefox and Safari word a failed dynamic import differently; Vite adds its own for CSS preloads.
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(err.message);
}

/** A page's code could not be loaded and the page was not reloaded for it (already tried, or offline). */
export class PageLoadError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PageLoadError';
  }
}

/** Whether a reload for a new version has been started in this document (its chunks will never arrive). */
export function reloadPending(): boolean {
  return reloading;
}

function reloadedRecently(): boolean | undefined {
  try {
    const at = Number(sessionStorage.getItem(RELOADED_AT_KEY));
    return Number.isFinite(at) && at > 0 && Date.now() - at < RELOAD_WINDOW_MS;
  } catch (err) {
    // Storage blocked: without a way to remember the reload, one could loop; the caller shows the message instead.
    console.warn('sessionStorage unavailable; not reloading for a failed chunk', err);
    return undefined;
  }
}

/** How long the server has to answer before a reload is judged useless. */
const SERVER_ANSWER_MS = 5_000;

/** Whether the server answers at all (any status: a 503 still serves the app), so that a reload would show Enlace. */
async function serverAnswers(): Promise<boolean> {
  try {
    await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(SERVER_ANSWER_MS) });
    return true;
  } catch (err) {
    console.warn('The server does not answer; not reloading for a failed chunk', err);
    return false;
  }
}

let deciding: Promise<boolean> | null = null;

/** Reloads the page once to pick up a new version; false when that would not help or was just tried. */
export function reloadForNewVersion(): Promise<boolean> {
  if (reloading) return Promise.resolve(true);
  // A failed preload and the failed import after it ask together: one check, one answer.
  deciding ??= reloadIfUseful().finally(() => {
    deciding = null;
  });
  return deciding;
}

async function reloadIfUseful(): Promise<boolean> {
  if (!navigator.onLine) return false;
  if (reloadedRecently() !== false) return false;
  if (!(await serverAnswers())) return false;
  try {
    sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
  } catch (err) {
    console.warn('Could not remember the reload for a failed chunk; not reloading', err);
    return false;
  }
  reloading = true;
  window.location.reload();
  return true;
}

/** Reloads on Vite's `vite:preloadError` (a chunk or its preload failed); returns how to stop listening. */
export function installStaleChunkReload(): () => void {
  // Not prevented: Vite's import still fails, and lazyPage waits for this same decision before it shows a message.
  const onPreloadError = () => void reloadForNewVersion();
  window.addEventListener('vite:preloadError', onPreloadError);
  return () => window.removeEventListener('vite:preloadError', onPreloadError);
}
