/**
 * A short note of what changed in the plan since the reader's last visit. Each count leads to what it counts: the
 * activities others added and those they changed, told apart, with the fields changed (marked in the table, rows and
 * cells, see sinceVisitMarks), the first new (or edited) comment's thread and each decision with news. Dismissing the
 * note takes the marks away too.
 */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTIVITY_KEYS } from '../../../shared/planModel.js';
import { useFormat } from '../../lib/format.js';
import { withActivityRow } from '../../plan/activityRowReveal.js';
import { listComments, type ChangesSinceVisit } from './api.js';
import { hasNews } from './keptSinceVisit.js';
import { dismissSinceVisit, useSinceVisit } from './sinceVisitMarks.js';
import { SinceVisitDecisions } from './SinceVisitDecisions.js';

/** How long to wait for a thread to show in the margin after asking for it. */
const THREAD_WAIT_MS = 3000;

function scrollBehavior(): ScrollBehavior {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/** Brings an element to the middle of the view and puts the focus on it (or on `focusTarget`). */
function reveal(el: HTMLElement, focusTarget: HTMLElement = el): void {
  el.scrollIntoView({ block: 'center', behavior: scrollBehavior() });
  focusTarget.focus({ preventScroll: true });
}

/** The first of these activities' rows, in the table's order; the table itself when none is there any more. */
function revealChangedActivity(ids: readonly string[]): void {
  // A changed cell far to the right is brought in sideways (by the table's frame alone, not to stop the page's scroll).
  const revealRow = (row: HTMLElement) => {
    reveal(row);
    const cell = row.querySelector<HTMLElement>('.cell-changed');
    const frame = row.closest<HTMLElement>('[data-testid="activities-scroll"]');
    if (!cell || !frame) return;
    const c = cell.getBoundingClientRect();
    const f = frame.getBoundingClientRect();
    if (c.left < f.left || c.right > f.right) frame.scrollBy({ left: c.left + c.width / 2 - (f.left + f.width / 2), behavior: scrollBehavior() });
  };
  // Through the table: a very big one scrolls the row into its window first.
  if (withActivityRow(ids, revealRow)) return;
  const table = document.querySelector<HTMLElement>('[data-testid="activities-scroll"]');
  if (table) reveal(table);
}

/** Waits for the thread's card in the margin (the margin may switch filter first), then brings it into view. */
function revealThread(threadId: string): void {
  const selector = `.comment-margin [data-thread-id="${CSS.escape(threadId)}"]`;
  const started = performance.now();
  const attempt = () => {
    const card = document.querySelector<HTMLElement>(selector);
    if (card) return reveal(card, card.querySelector<HTMLElement>('.comment-anchor') ?? card);
    if (performance.now() - started < THREAD_WAIT_MS) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** The margin's threads, when no single thread can be named. */
function revealComments(): void {
  const list = document.querySelector<HTMLElement>('.comment-margin .comment-threads') ?? document.querySelector<HTMLElement>('.comment-margin');
  list?.scrollIntoView({ block: 'start', behavior: scrollBehavior() });
}

/** Nothing on a first visit, when nothing changed, or once dismissed. */
export function SinceLastVisit({ workspaceId, changes }: { workspaceId: string; changes: ChangesSinceVisit }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shared = useSinceVisit();
  const [, setParams] = useSearchParams();
  const { since, newComments, changedActivityIds, changedSections } = changes;
  const addedActivityIds = changes.addedActivityIds ?? [];
  const removedActivities = changes.removedActivities ?? 0;
  const editedComments = changes.editedComments ?? [];
  const decisions = changes.decisions ?? [];
  const removedSections = (changes.removedSections ?? []).map((s) => (s ? t('comments.sinceSectionName', { name: s }) : t('comments.sinceUntitledHeading')));
  const dismissed = shared?.changes === changes && shared.dismissed;
  if (dismissed || !hasNews(changes)) return null;
  const documentId = shared?.changes === changes ? shared.documentId : null;
  const sections = changedSections.map((s) => s || t('comments.sinceUntitled'));
  // The fields others changed, across the changed activities, by their column names in the table's order.
  const changedFields = new Set((changes.changedActivities ?? []).flatMap((a) => a.fields));
  const fieldNames = ACTIVITY_KEYS.filter((k) => changedFields.has(k)).map((k) => t(`activities.fields.${k}`));

  // A comment's thread opens the way a notification's `?thread=` link opens it.
  const openComment = async (first: string) => {
    const shown = document.querySelector<HTMLElement>(`.comment-margin [data-comment-id="${CSS.escape(first)}"]`)?.closest<HTMLElement>('[data-thread-id]');
    let threadId = shown?.dataset.threadId ?? null;
    // Not shown (a resolved thread under the "open" filter): ask which thread it belongs to.
    if (!threadId && documentId) {
      const all = await listComments(documentId, 'all').catch((err: unknown) => {
        // Not found, then: the margin is shown instead of one thread.
        console.warn('the new comment’s thread could not be read', err);
        return [];
      });
      threadId = all.find((c) => c.id === first)?.threadId ?? null;
    }
    if (!threadId) return revealComments();
    const id = threadId;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('thread', id);
        return next;
      },
      { replace: true },
    );
    revealThread(id);
  };

  return (
    <div className="notice notice-info since-visit" role="status" data-testid="since-last-visit">
      <p className="notice-title">{t('comments.sinceTitle', { when: fmt.dateTime(since) })}</p>
      <ul className="small">
        {newComments.length > 0 && (
          <li>
            <button type="button" className="since-visit-link" data-testid="since-visit-comments" onClick={() => void openComment(newComments[0])}>
              {t('comments.sinceComments', { count: newComments.length })}
            </button>
          </li>
        )}
        {editedComments.length > 0 && (
          <li>
            <button type="button" className="since-visit-link" data-testid="since-visit-edited-comments" onClick={() => void openComment(editedComments[0])}>
              {t('comments.sinceEditedComments', { count: editedComments.length })}
            </button>
          </li>
        )}
        {sections.length > 0 && <li>{t('comments.sinceSections', { sections: fmt.list(sections) })}</li>}
        {removedSections.length > 0 && (
          <li data-testid="since-visit-removed-sections">{t('comments.sinceSectionsRemoved', { count: removedSections.length, sections: fmt.list(removedSections) })}</li>
        )}
        {addedActivityIds.length > 0 && (
          <li>
            <button type="button" className="since-visit-link" data-testid="since-visit-added-activities" onClick={() => revealChangedActivity(addedActivityIds)}>
              {t('comments.sinceActivitiesAdded', { count: addedActivityIds.length })}
            </button>
            {/* Said once, on the last line of activities. */}
            {changedActivityIds.length === 0 && <>{' '}<span className="muted">{t('comments.sinceActivitiesHint')}</span></>}
          </li>
        )}
        {changedActivityIds.length > 0 && (
          <li>
            <button type="button" className="since-visit-link" data-testid="since-visit-activities" onClick={() => revealChangedActivity(changedActivityIds)}>
              {t('comments.sinceActivities', { count: changedActivityIds.length })}
            </button>{' '}
            {fieldNames.length > 0 && <><span data-testid="since-visit-changed-fields">{t('comments.sinceActivityFields', { fields: fmt.list(fieldNames) })}</span>{' '}</>}
            <span className="muted">{t('comments.sinceActivitiesHint')}</span>
          </li>
        )}
        {removedActivities > 0 && <li data-testid="since-visit-removed">{t('comments.sinceActivitiesRemoved', { count: removedActivities })}</li>}
        {decisions.length > 0 && <SinceVisitDecisions workspaceId={workspaceId} decisions={decisions} />}
      </ul>
      <button type="button" className="btn btn-ghost btn-small" data-testid="since-visit-dismiss" onClick={() => dismissSinceVisit(changes)}>
        {t('comments.sinceDismiss')}
      </button>
    </div>
  );
}
