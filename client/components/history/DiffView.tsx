/** A diff: prose with insertions and deletions highlighted, then the activity changes. */
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../shared/planModel.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import type { DiffRun, PlanDiff } from './api.js';
import { readableRuns } from './readableRuns.js';

/** Lines of unchanged text kept around each change; longer unchanged stretches are folded. */
const CONTEXT_LINES = 3;

type Place = 'first' | 'middle' | 'last' | 'only';

function EqualRun({ text, place }: { text: string; place: Place }) {
  const { t } = useTranslation();
  const lines = text.split('\n');
  // Keep the lines next to a change: the end of the first run, the start of the last, both ends in between.
  const head = place === 'middle' || place === 'last' ? CONTEXT_LINES : 0;
  const tail = place === 'middle' || place === 'first' ? CONTEXT_LINES : 0;
  if (place === 'only' || lines.length <= head + tail + 2) return <span>{text}</span>;
  const hidden = lines.length - head - tail;
  return (
    <span>
      {head > 0 && lines.slice(0, head).join('\n') + '\n'}
      <span className="vh-skip">{t('history.unchanged', { count: hidden })}</span>
      {tail > 0 && '\n' + lines.slice(-tail).join('\n')}
    </span>
  );
}

function ProseDiff({ runs: exact }: { runs: DiffRun[] }) {
  const { t } = useTranslation();
  if (!exact.some((r) => r.op !== 'equal')) return <p className="muted">{t('history.noProseChanges')}</p>;
  const runs = readableRuns(exact);
  return (
    <div className="vh-prose" data-testid="history-diff-body">
      {runs.map((r, i) =>
        r.op === 'insert' ? (
          <ins key={i} className="vh-ins">
            <span className="visually-hidden">{t('history.insertedMark')}</span>
            {r.text}
          </ins>
        ) : r.op === 'delete' ? (
          <del key={i} className="vh-del">
            <span className="visually-hidden">{t('history.deletedMark')}</span>
            {r.text}
          </del>
        ) : (
          <EqualRun key={i} text={r.text} place={runs.length === 1 ? 'only' : i === 0 ? 'first' : i === runs.length - 1 ? 'last' : 'middle'} />
        ),
      )}
    </div>
  );
}

/** Shows an activity field's value in words: organizations by acronym, statuses translated, lists joined. */
function useFieldValue() {
  const { t } = useTranslation();
  const { label } = useOrganizations();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'status') return t(`activityStatus.${String(value)}`, { defaultValue: String(value) });
    if (field === 'mandateArea') return t(`mandateAreas.${String(value)}`, { defaultValue: String(value) });
    if (field === 'leadOrganizationId') return label(String(value));
    if (field === 'partnerOrganizationIds' && Array.isArray(value)) return value.map((v) => label(String(v))).join(', ') || '—';
    if (Array.isArray(value)) return value.join(', ') || '—';
    return String(value);
  };
}

function titleOf(a: Activity | undefined, fallback: string): string {
  return a?.title || fallback;
}

function ActivityChanges({ diff }: { diff: PlanDiff['activities'] }) {
  const { t } = useTranslation();
  const show = useFieldValue();
  const none = !diff.added.length && !diff.removed.length && !diff.changed.length;
  if (none) return <p className="muted">{t('history.noActivityChanges')}</p>;
  return (
    <ul className="vh-activity-changes">
      {diff.added.map((a) => (
        <li key={`+${a.id}`} className="vh-added">
          <strong>{t('history.activityAdded')}</strong> {titleOf(a, t('activities.untitled'))}
        </li>
      ))}
      {diff.removed.map((a) => (
        <li key={`-${a.id}`} className="vh-removed">
          <strong>{t('history.activityRemoved')}</strong> {titleOf(a, t('activities.untitled'))}
        </li>
      ))}
      {diff.changed.map((c) => (
        <li key={`${c.id}.${c.field}`}>
          <strong>{c.title || t('activities.untitled')}</strong> · {t(`activities.fields.${c.field}`, { defaultValue: c.field })}:{' '}
          <del className="vh-del">{show(c.field, c.from)}</del> → <ins className="vh-ins">{show(c.field, c.to)}</ins>
        </li>
      ))}
    </ul>
  );
}

/** The whole diff: prose, then activities. */
export function DiffView({ diff }: { diff: PlanDiff }) {
  const { t } = useTranslation();
  return (
    <div className="vh-diff">
      <h4>{t('history.proseChanges')}</h4>
      <ProseDiff runs={diff.body} />
      <h4>{t('history.activityChanges')}</h4>
      <ActivityChanges diff={diff.activities} />
    </div>
  );
}
