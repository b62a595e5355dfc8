/** The facilitator's "close the meeting" control: closing freezes the minutes for good, so it asks first. */
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton.js';

/** "Close and freeze the minutes", confirmed inline before anything happens. */
export function CloseMeetingButton({ disabled, onConfirm }: { disabled: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  return <ConfirmButton label={t('meetings.close')} question={t('meetings.closeQuestion')} confirmLabel={t('meetings.closeConfirm')} disabled={disabled} onConfirm={onConfirm} testId="close-meeting-confirm" />;
}
