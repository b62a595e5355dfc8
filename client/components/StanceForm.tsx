/** Records one organization's stance on a decision. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STANCES, type Stance } from '../../shared/constants.js';
import { recordStance } from '../api/decisions.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  decisionId: string;
  organizationId: string;
  current: Stance | null;
  onBehalf: boolean;
  onSaved: () => void;
}

/** A stance select, an optional reason and a save button. */
export function StanceForm({ decisionId, organizationId, current, onBehalf, onSaved }: Props) {
  const { t } = useTranslation();
  const [stance, setStance] = useState<Stance | ''>(current ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = `stance-${organizationId}`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!stance) return;
    setBusy(true);
    setError(null);
    try {
      await recordStance(decisionId, organizationId, { stance, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stance-form" onSubmit={(e) => void onSubmit(e)}>
      <label htmlFor={`${base}-value`} className="visually-hidden">
        {t('stances.choose')}
      </label>
      <select id={`${base}-value`} value={stance} onChange={(e) => setStance(e.target.value as Stance | '')}>
        <option value="">{t('stances.choose')}</option>
        {STANCES.map((s) => (
          <option key={s} value={s}>
            {t(`stances.values.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${base}-reason`} className="visually-hidden">
        {t('stances.reason')}
      </label>
      <input id={`${base}-reason`} placeholder={t('stances.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="btn btn-primary btn-small" disabled={busy || !stance}>
        {onBehalf ? t('stances.recordOnBehalf') : t('stances.record')}
      </button>
      <ErrorNotice error={error} compact />
    </form>
  );
}
