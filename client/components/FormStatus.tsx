/**
 * A form's own confirmation ("Se agregó la institución SEGOB."), said beside its submit button or in the row an
 * action changed: the app-wide notices under the header were out of view below a long list, and each one pushed the
 * whole page down.
 */
import { useCallback, useLayoutEffect, useState, type ReactNode } from 'react';
import { useHoldInPlace } from '../lib/useHoldInPlace.js';
import './formFeedback.css';

/** What a form last confirmed: `say` replaces it (a second submission never stacks a second one), `clear` empties it. */
export function useFormStatus(): { text: string | null; say: (text: string) => void; clear: () => void } {
  const [text, setText] = useState<string | null>(null);
  const clear = useCallback(() => setText(null), []);
  return { text, say: setText, clear };
}

/** The one confirmation a list shows, in the row it is about: a later one, in that row or another, replaces it. */
export function useRowStatus(): { textFor: (rowId: string) => string | null; say: (rowId: string, text: string) => void } {
  const [said, setSaid] = useState<{ rowId: string; text: string } | null>(null);
  const say = useCallback((rowId: string, text: string) => setSaid({ rowId, text }), []);
  return { textFor: (rowId) => (said?.rowId === rowId ? said.text : null), say };
}

/**
 * The live region: always in the page, so screen readers announce what appears in it; empty, it takes no room. What
 * appears in it is brought into view if it fell past the window's edge, then kept where it is on the screen while the
 * list above reloads: the new row a form added pushed the form down, a renamed row moved to its new place by name.
 */
export function FormStatus({ text, testId }: { text: string | null; testId?: string }) {
  const { ref, hold, release } = useHoldInPlace<HTMLDivElement>();
  // Before paint and before the list's reload can answer: where it first shows is where it stays, until it is
  // cleared (emptied, the region moves by itself: beside the button, not under it).
  useLayoutEffect(() => {
    if (!text) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    hold();
    return release;
  }, [text, ref, hold, release]);
  return (
    <div ref={ref} className="form-status" role="status" aria-live="polite" data-testid={testId}>
      {text && <p className="notice notice-info notice-compact">{text}</p>}
    </div>
  );
}

/** A form's submit button (and any others) with its confirmation beside it, under it when the line is too narrow. */
export function SubmitRow({ status, children }: { status: string | null; children: ReactNode }) {
  return (
    <div className="form-submit-row">
      {children}
      <FormStatus text={status} testId="form-status" />
    </div>
  );
}
