/** Mandate areas as small translated tags. */
import { useTranslation } from 'react-i18next';
import type { MandateArea } from '../../shared/constants.js';

/** A list of tags, or nothing when empty. */
export function MandateAreaTags({ areas }: { areas: readonly MandateArea[] | null | undefined }) {
  const { t } = useTranslation();
  if (!areas?.length) return null;
  return (
    <ul className="tags" aria-label={t('workspaces.mandateAreas')}>
      {areas.map((a) => (
        <li key={a} className="tag">
          {t(`mandateAreas.${a}`)}
        </li>
      ))}
    </ul>
  );
}
