/**
 * An action's status, changed in place. A mouse pick saves at once; arrowing through the options with the keyboard
 * (which fires a change per step) saves only where the person stops: on Enter, on leaving the select, or after a
 * short pause. The select is never disabled while saving, so focus stays on it.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, type ActionStatus } from '../../shared/constants.js';

/** How long the keyboard may rest on an option before it is saved. */
const KEYBOARD_SETTLE_MS = 1200;
const STEP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

interface Props {
  id: string;
  status: ActionStatus;
  /** Saves a new status; resolves when the server has it (rejects on failure, shown by the caller). */
  onCommit: (status: ActionStatus) => Promise<void>;
}

/** The status select of one action row. */
export function ActionStatusSelect({ id, status, onCommit }: Props) {
  const { t } = useTranslation();
  // What the person chose and has not seen come back from the server yet (null: follow `status`).
  const [draft, setDraft] = useState<ActionStatus | null>(null);
  const keyed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<ActionStatus | null>(null);

  // The saved status has arrived (or someone else changed it): the select follows the action again.
  useEffect(() => {
    setDraft((d) => (d === status ? null : d));
  }, [status]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const value = pending.current;
    pending.current = null;
    if (value === null) return;
    if (value === status) {
      setDraft(null);
      return;
    }
    // The caller shows the failure; the select goes back to the saved status.
    onCommit(value).catch(() => setDraft(null));
  };

  return (
    <select
      id={id}
      className="action-status"
      value={draft ?? status}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (STEP_KEYS.has(e.key) || e.key.length === 1) keyed.current = true;
      }}
      onChange={(e) => {
        const next = e.target.value as ActionStatus;
        setDraft(next);
        pending.current = next;
        if (keyed.current) {
          keyed.current = false;
          clearTimeout(timer.current);
          timer.current = setTimeout(commit, KEYBOARD_SETTLE_MS);
        } else {
          commit();
        }
      }}
      onBlur={() => {
        if (timer.current) commit();
      }}
    >
      {ACTION_STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(`actionStatus.${s}`)}
        </option>
      ))}
    </select>
  );
}
