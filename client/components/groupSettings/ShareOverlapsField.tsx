/** The group's overlap-sharing switch, with what turning it on lets other groups see. */
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}

/**
 * One checkbox and its explanation. The wording follows server/matrix/overlapView.ts: another group's members get the
 * flag and its reasons, but this group's side stays anonymous (no title, plan or group name).
 */
export function ShareOverlapsField({ id, checked, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <div className="check">
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{t('groupSettings.shareOverlaps')}</label>
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t('groupSettings.shareOverlapsHint')}
      </p>
    </div>
  );
}
