/** A version's display name: named versions by their name, others by kind (their stored name is a server label). */
import { useTranslation } from 'react-i18next';
import type { PlanVersion } from './api.js';

/** The name to show for a version in the interface language. */
export function VersionName({ version }: { version: PlanVersion }) {
  const { t } = useTranslation();
  if (version.kind === 'named') return <>{version.name}</>;
  // Automatic versions saved before a restore carry the restored version's name: keep it visible.
  const restored = /«(.+)»/.exec(version.name)?.[1];
  if (version.kind === 'auto' && restored) return <>{t('history.beforeRestore', { name: restored })}</>;
  if (version.kind === 'meeting') return <>{version.name || t('history.kinds.meeting')}</>;
  return <>{t('history.kinds.auto')}</>;
}
