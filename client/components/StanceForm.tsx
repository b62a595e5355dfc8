/** Records one organization's stance on a decision. */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STANCES, type Stance } from '../../shared/constants.js';
import { recordStance } from '../api/decisions.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  decisionId: string;
  organizationId: string;
  /** The recorded stance, kept live by the page (another focal point may change it at any time). */
  current: Stance | null;
  /** How many times the organization's stance has been recorded (known even while the stance itself is hidden). */
  records: number;
  onBehalf: boolean;
  /** The organization's short name: each row's controls name it for screen readers (every row has the same controls). */
  organizationLabel: string;
  onSaved: () => void;
}

/**
 * A stance select, an optional reason and a save button. The select shows the recorded stance and
 * follows it live until the user picks another one; that unsaved choice is kept (not clobbered by a
 * remote change) and flagged when it differs from what is recorded.
 */
export function StanceForm({ decisionId, organizationId, current, records, onBehalf, organizationLabel, onSaved }: Props) {
  const { t } = useTranslation();
  // null: no choice of the user's own yet, so the select mirrors `current`.
  const [draft, setDraft] = useState<Stance | '' | null>(null);
  // What this form last recorded, and how many records the organization had before it: shown until the page's copy
  // catches up, and while that copy hides it (a facilitator recording on behalf of another organization while stances
  // are hidden until the close), until someone else records again (then what is recorded is unknown here, and any
  // choice may be saved).
  const [recorded, setRecorded] = useState<{ stance: Stance; recordsBefore: number } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Said once recorded: the row's stance changes on screen, but a screen reader heard nothing after the press.
  const [news, setNews] = useState<string | null>(null);
  const base = `stance-${organizationId}`;
  const selectRef = useRef<HTMLSelectElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const buttonHadFocus = useRef(false);
  // Ours is the record after the ones counted when we saved; any further one is someone else's.
  const mineStillLatest = recorded !== null && records <= recorded.recordsBefore + 1;
  const known = current ?? (mineStillLatest ? recorded.stance : null);
  const stance = draft ?? known ?? '';
  const differs = draft !== null && known !== null && draft !== known;
  // Re-recording what is already there would only restamp it (as "on their behalf" for a facilitator).
  const nothingToSave = !stance || (stance === known && !reason.trim());
  // An objection, or an agreement on conditions, whose grounds nobody wrote down leaves the group nothing to work on:
  // the web app asks for them (the API leaves the reason optional, for scripts and imports).
  const reasonRequired = stance === 'object' || stance === 'agree_with_conditions';
  const reasonMissing = !nothingToSave && reasonRequired && !reason.trim();
  // The button stays enabled (a disabled one is out of a keyboard user's reach and does not say why): pressed with
  // nothing to save, it says what is missing and focus goes to the stance (or to the reason it lacks).
  const check = useInvalidFocus();
  const refusal = !check.tried ? null : nothingToSave ? t(stance ? 'stances.alreadyRecorded' : 'stances.chooseFirst') : reasonMissing ? t(`stances.reasonNeeded.${stance}`) : null;
  const describedBy = [differs ? `${base}-unsaved` : '', refusal && nothingToSave ? `${base}-refusal` : ''].filter(Boolean).join(' ') || undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!stance || nothingToSave || reasonMissing) return check.refuse();
    buttonHadFocus.current = document.activeElement === buttonRef.current;
    setBusy(true);
    setError(null);
    setNews(null);
    try {
      const recordsBefore = records;
      await recordStance(decisionId, organizationId, { stance, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
      setRecorded({ stance, recordsBefore });
      setDraft(null);
      setNews(t('stances.recordedNews', { org: organizationLabel, stance: t(`stances.values.${stance}`) }));
      check.reset();
      // The button was disabled while saving, and there is nothing left to save: a keyboard user goes on from the stance itself rather
      // than from wherever the page's focus rescue would land a moment later.
      const nowhere = document.activeElement === null || document.activeElement === document.body || document.activeElement === buttonRef.current;
      if (buttonHadFocus.current && nowhere) selectRef.current?.focus({ preventScroll: true });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={check.ref} className="stance-form" onSubmit={(e) => void onSubmit(e)}>
      <label htmlFor={`${base}-value`} className="visually-hidden">
        {t('stances.chooseFor', { org: organizationLabel })}
      </label>
      <select
        ref={selectRef}
        id={`${base}-value`}
        value={stance}
        aria-describedby={describedBy}
        aria-invalid={!!refusal && nothingToSave}
        data-unsaved={differs ? 'true' : undefined}
        onChange={(e) => {
          const next = e.target.value as Stance | '';
          // Choosing the recorded stance again means "no change of mine": follow live updates again.
          setDraft(next === (known ?? '') ? null : next);
          setNews(null);
        }}
      >
        <option value="">{t('stances.choose')}</option>
        {STANCES.map((s) => (
          <option key={s} value={s}>
            {t(`stances.values.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${base}-reason`} className="visually-hidden">
        {t(reasonRequired ? `stances.reasonRequiredFor.${stance}` : 'stances.reasonFor', { org: organizationLabel })}
      </label>
      <input
        id={`${base}-reason`}
        maxLength={5000}
        placeholder={t(reasonRequired ? `stances.reasonRequired.${stance}` : 'stances.reason')}
        value={reason}
        aria-required={reasonRequired}
        aria-invalid={!!refusal && reasonMissing}
        aria-describedby={refusal && reasonMissing ? `${base}-refusal` : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {/* The accessible name starts with the visible words (so speech users can say them) and names the organization. */}
      <button ref={buttonRef} type="submit" className="btn btn-primary btn-small" disabled={busy} aria-label={`${onBehalf ? t('stances.recordOnBehalf') : t('stances.record')}: ${organizationLabel}`}>
        {onBehalf ? t('stances.recordOnBehalf') : t('stances.record')}
      </button>
      {differs && (
        <p id={`${base}-unsaved`} className="stance-unsaved" role="status" data-testid="stance-unsaved">
          {t('stances.unsaved', { stance: t(`stances.values.${known}`) })}
        </p>
      )}
      {refusal && (
        <p id={`${base}-refusal`} className="field-error">
          {refusal}
        </p>
      )}
      <p className="visually-hidden" role="status" data-testid="stance-news">
        {news ?? ''}
      </p>
      <ErrorNotice error={error} compact />
    </form>
  );
}
