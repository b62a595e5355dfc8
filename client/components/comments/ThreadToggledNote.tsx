/**
 * Said in the margin after a thread was resolved (or reopened) and so left the list the margin shows: the card simply
 * vanished before, the focus fell to the page, and an accidental "Resolver" had no way back but changing the filter.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setThreadResolved } from './api.js';

export interface ToggledThread {
  threadId: string;
  /** What the thread is now: resolved (under "open") or reopened (under "resolved"). */
  resolved: boolean;
}

interface Props {
  toggled: ToggledThread;
  /** After the undo is stored: the margin reloads and shows the thread again. */
  onUndone: (threadId: string) => void;
  onError: (err: unknown) => void;
}

/** How long the thread's card is waited for once the undo is stored (the margin reloads its threads). */
const WAIT_MS = 3000;

/**
 * Back in the list, the thread's card takes the focus, where it was before it left. The note going sends the focus
 * to the margin's first control meanwhile (focusRescue), so anything but a place someone chose since is taken over.
 */
function focusCardWhenBack(threadId: string, from: Element | null): void {
  const margin = from?.closest('.comment-margin');
  const started = performance.now();
  const attempt = () => {
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement || (active instanceof HTMLElement && active.isContentEditable);
    const movedOn = active !== from && active !== document.body && (typing || !(margin && active && margin.contains(active)));
    if (movedOn) return;
    const card = document.querySelector<HTMLElement>(`.comment-margin [data-thread-id="${CSS.escape(threadId)}"] .comment-anchor`);
    if (card) card.focus({ preventScroll: false });
    else if (performance.now() - started < WAIT_MS) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The note, with its undo button focused as it appears (the pressed button went with its card). */
export function ThreadToggledNote({ toggled, onUndone, onError }: Props) {
  const { t } = useTranslation();
  const undoRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    undoRef.current?.focus({ preventScroll: true });
  }, [toggled]);
  const undo = async () => {
    // Taken before the button is disabled for the request, which takes the focus from it.
    const from = undoRef.current;
    setBusy(true);
    try {
      await setThreadResolved(toggled.threadId, !toggled.resolved);
      onUndone(toggled.threadId);
      focusCardWhenBack(toggled.threadId, from);
    } catch (err) {
      onError(err);
      setBusy(false);
    }
  };
  return (
    <p className="notice notice-info notice-compact comment-toggled" role="status" data-testid="comment-toggled">
      <span>{t(toggled.resolved ? 'comments.resolvedNote' : 'comments.reopenedNote')}</span>{' '}
      <button ref={undoRef} type="button" className="btn btn-ghost btn-small" onClick={() => void undo()} disabled={busy} data-testid="comment-toggled-undo">
        {t('comments.undoToggle')}
      </button>
    </p>
  );
}
