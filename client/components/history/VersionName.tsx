/** A version's display name: named versions by their name, others by kind (their stored name is a server label). */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlanVersion } from './api.js';

const BEFORE_RESTORE = /^Antes de restaurar «(.+)»$/s;

/** The restored version's name inside a before-restore label (unwrapping labels nested by older servers); null for other names. */
export function restoredNameIn(label: string): string | null {
  let inner: string | null = null;
  for (let m = BEFORE_RESTORE.exec(label); m; m = BEFORE_RESTORE.exec(m[1]!)) inner = m[1]!;
  return inner;
}

/** The name to show for a version in the interface language. */
export function versionDisplayName(version: Pick<PlanVersion, 'kind' | 'name'>, t: TFunction): string {
  if (version.kind === 'named') return version.name;
  // Automatic versions saved before a restore carry the restored version's name: keep it visible.
  const restored = version.kind === 'auto' ? restoredNameIn(version.name) : null;
  if (restored) return t('history.beforeRestore', { name: restored });
  if (version.kind === 'meeting') return version.name || t('history.kinds.meeting');
  return t('history.kinds.auto');
}

/** A version's name in the interface language. */
export function VersionName({ version }: { version: PlanVersion }) {
  const { t } = useTranslation();
  return <>{versionDisplayName(version, t)}</>;
}
