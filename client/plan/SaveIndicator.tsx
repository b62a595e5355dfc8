/**
 * The save badge. `data-state` is always exact (saved, saving or offline: what tests and scripts read).
 * What people see and hear is calmer: while typing, every keystroke is a save that takes a few milliseconds, and a
 * label flipping "Guardando… / Guardado" at typing speed (each flip announced by screen readers) is noise.
 * So the label, once it shows "saving", keeps showing it a moment after the save lands (it never shows "saved"
 * before the state is saved), and only going offline and coming back are announced. Before the plan's first
 * connection the label says "connecting", not "offline": nothing has gone wrong yet; connected, until the plan's
 * content has first arrived, it says "loading", not "saving": nothing typed is pending.
 * The badge follows the save state itself, so a keystroke re-renders the badge only, not the page around it.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useSaveState, type SaveState } from './useSaveState.js';
import { usePublishUnsaved } from './unsavedPlans.js';
import type { ProviderStatus } from './useProviderStatus.js';

/** How long "saving" stays on the label after the last save landed. */
const SAVING_LINGER_MS = 1200;

/**
 * The label to show: `state`, except that "saving" lingers briefly over a following "saved" once the plan has been
 * saved here before (typing). Opening a plan passes through "saving" while the server confirms the copy: someone who
 * typed nothing is shown "saved" as soon as it is.
 */
function useCalmLabel(state: SaveState): SaveState {
  const [label, setLabel] = useState<SaveState>(state);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const wasSaved = useRef(false);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    if (state === 'saved' && label === 'saving' && wasSaved.current) timer.current = setTimeout(() => setLabel('saved'), SAVING_LINGER_MS);
    else setLabel(state);
    if (state === 'saved') wasSaved.current = true;
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // `label` is read, not followed: only a new state restarts the wait.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  return label;
}

/**
 * What a screen reader hears: going offline, and being saved again after it; edits the server will not take.
 * Typing saves and connecting are silent.
 */
function useAnnouncement(state: SaveState | 'notSaved', connecting: boolean): SaveState | 'notSaved' | null {
  const [announced, setAnnounced] = useState<SaveState | 'notSaved' | null>(null);
  const wasOffline = useRef(false);
  useEffect(() => {
    if (state === 'offline' && connecting) return;
    if (state === 'notSaved' || state === 'offline') {
      wasOffline.current = true;
      setAnnounced(state);
    } else if (state === 'saved' && wasOffline.current) {
      wasOffline.current = false;
      setAnnounced('saved');
    }
  }, [state, connecting]);
  return announced;
}

interface Props {
  ydoc: Y.Doc;
  workspaceId: string;
  documentId: string;
  status: ProviderStatus;
  /** Whether this person may edit (observers have nothing to save). */
  canEdit: boolean;
  /** Shown as "read only" (an observer, or a plan refused to us). */
  readOnly?: boolean;
  /** Edits here that the server did not store and will not take (see useStrandedChanges). */
  stranded?: boolean;
}

/** `[data-testid="save-state"]` with `data-state`, following the plan's save state. */
export function SaveIndicator({ ydoc, workspaceId, documentId, status, canEdit, readOnly = false, stranded = false }: Props) {
  const saveState = useSaveState({ ydoc, workspaceId, documentId, status, canEdit });
  // Not saved, so not "saved" (the contract's three states: unsaved changes are "saving").
  const state = stranded && saveState === 'saved' ? 'saving' : saveState;
  // Signing out asks first while edits here are not confirmed (a plan refused to us has nothing it could save).
  usePublishUnsaved(documentId, (canEdit && !readOnly && state !== 'saved') || stranded);
  return <SaveBadge state={state} connecting={!status.everConnected && status.online} loading={status.connected && !status.everSynced} readOnly={readOnly} stranded={stranded} />;
}

interface BadgeProps {
  state: SaveState;
  /** The plan has not been connected yet (an "offline" state says so). */
  connecting?: boolean;
  /** Connected, the plan's content not all here yet (a "saving" state says so: nothing of this visit is pending). */
  loading?: boolean;
  readOnly?: boolean;
  /** Edits here that the server will not take (see useStrandedChanges). */
  stranded?: boolean;
}

/** The badge for a known state. */
function SaveBadge({ state, connecting = false, loading = false, readOnly = false, stranded = false }: BadgeProps) {
  const { t } = useTranslation();
  const label = useCalmLabel(state);
  const announced = useAnnouncement(stranded ? 'notSaved' : state, connecting);
  // Someone who cannot edit has nothing to save: "read only" says more than "saved", and "saving" while the plan
  // loads would tell them something of theirs is pending. Offline still shows (data-state stays exact). Edits of
  // theirs that the server did not take say so.
  const shown =
    state === 'offline' && connecting ? 'connecting' : stranded && state !== 'offline' ? 'notSaved' : readOnly && state !== 'offline' ? 'readOnly' : state === 'saving' && loading ? 'loading' : label;
  const badge = useRef<HTMLSpanElement>(null);
  const badgeHidden = useScrolledAway(badge);
  return (
    <span ref={badge} className={`save-state save-${shown}${badgeHidden ? ' save-away' : ''}`} data-testid="save-state" data-state={state} title={t(`save.${shown}Hint`)}>
      <span className="save-dot" aria-hidden="true" />
      <span data-testid="save-label">{t(`save.${shown}`)}</span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announced ? t(`save.${announced}`) : ''}
      </span>
      {/* Offline while the badge is scrolled away (editing the table, say): said at the foot of the window too.
          Hidden from screen readers, which hear going offline from the status above. */}
      {shown === 'offline' && badgeHidden && (
        <span className="save-offline-float" aria-hidden="true" data-testid="offline-float">
          {t('save.offlineHint')}
        </span>
      )}
    </span>
  );
}

/** Whether the element is scrolled out of the window (false until known, and where IntersectionObserver is missing). */
function useScrolledAway(ref: RefObject<HTMLElement | null>): boolean {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setAway(!!entry && !entry.isIntersecting));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return away;
}
