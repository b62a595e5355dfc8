/** The words a comment uses for the activity it is about. */
import type { TFunction } from 'i18next';

/** How a comment names its activity: its title, "untitled", or that it was removed from the plan (never a raw id). */
export function activityLabel(t: TFunction, title: string | undefined): string {
  if (title === undefined) return t('comments.onRemovedActivity');
  return t('comments.onActivity', { title: title.trim() || t('comments.untitledActivity') });
}
