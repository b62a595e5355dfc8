/** The words a comment uses for the activity it is about. */
import type { TFunction } from 'i18next';

/**
 * How a comment names its activity: its title, "untitled", or that it was removed from the plan (never a raw id).
 * Before the plan has loaded (`planLoaded` false) a missing title says only that it is an activity: the
 * activity is not known to be gone yet.
 */
export function activityLabel(t: TFunction, title: string | undefined, planLoaded = true): string {
  if (title === undefined) return t(planLoaded ? 'comments.onRemovedActivity' : 'comments.onActivityLoading');
  return t('comments.onActivity', { title: title.trim() || t('comments.untitledActivity') });
}
