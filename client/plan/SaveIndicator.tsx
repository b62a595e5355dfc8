/** The save state badge: saved, saving or offline, announced politely. */
import { useTranslation } from 'react-i18next';
import type { SaveState } from './useSaveState.js';

/** `[data-testid="save-state"]` with `data-state`. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return (
    <span className={`save-state save-${state}`} data-testid="save-state" data-state={state} role="status" aria-live="polite" title={t(`save.${state}Hint`)}>
      <span className="save-dot" aria-hidden="true" />
      {t(`save.${state}`)}
    </span>
  );
}
