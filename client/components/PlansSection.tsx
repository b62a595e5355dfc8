/** A working group's plans, with a form to create one (for those who may edit). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createDocument, listDocuments } from '../api/workspaces.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useSubmissionKey } from '../lib/submissionKey.js';
import { useInvalidFocus } from '../lib/useInvalidFocus.js';
import { useWorkspaceEvent } from '../realtime/RealtimeContext.js';
import { useDebouncedRefresh } from '../realtime/useLiveRefresh.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';
import { Loading } from './Loading.js';
import { PlanVisitTags } from './PlanVisitTags.js';
import type { PlanSinceVisit } from './comments/api.js';

/** The plans list and create form. */
export function PlansSection({ workspaceId, canCreate, visits }: { workspaceId: string; canCreate: boolean; visits: ReadonlyMap<string, PlanSinceVisit> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const submission = useSubmissionKey();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync((signal) => listDocuments(workspaceId, signal), [workspaceId]);
  // A plan created or renamed by someone else shows at once; a plan's "updated" time follows its saves (one read
  // once a burst of typing settles, at most every 5 s). The group page's room is joined by the page.
  const reloadSoon = useDebouncedRefresh(reload, { delayMs: 1000, maxWaitMs: 5000 });
  useWorkspaceEvent(workspaceId, 'document:created', reload);
  useWorkspaceEvent(workspaceId, 'document:updated', reload);
  useWorkspaceEvent(workspaceId, 'document:saved', reloadSoon);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<'work_plan' | 'blank'>('work_plan');
  const [busy, setBusy] = useState(false);
  const [createError, setCreateError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const titleError = check.tried && !title.trim() ? t('common.required') : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return check.refuse();
    setBusy(true);
    setCreateError(null);
    try {
      const body = { title: title.trim(), template };
      const doc = await createDocument(workspaceId, body, submission.keyFor({ workspaceId, body }));
      submission.done();
      navigate(`/w/${workspaceId}/d/${doc.id}`);
    } catch (err) {
      setCreateError(err);
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('plans.title')}</h2>
      {loading && !data && <Loading />}
      <ErrorNotice error={error} onRetry={reload} />
      {data && data.length === 0 && <p className="empty">{t(canCreate ? 'plans.emptyCreate' : 'plans.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="item-list" data-testid="plan-list">
          {data.map((d) => (
            <li key={d.id} className="item">
              <div className="item-main">
                <Link to={`/w/${workspaceId}/d/${d.id}`} className="item-title">
                  {d.title}
                </Link>
                <p className="item-meta">
                  <span>{t('plans.updated', { when: fmt.dateTime(d.updatedAt) })}</span>
                  <PlanVisitTags visit={visits.get(d.id)} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <form ref={check.ref} className="form inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <h3>{t('plans.createTitle')}</h3>
          <div className="field-row">
            <Field id={`${uid}-plan-title`} label={t('plans.planTitle')} required error={titleError}>
              <input id={`${uid}-plan-title`} required aria-invalid={!!titleError} aria-describedby={describedBy(`${uid}-plan-title`, { error: titleError })} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="plan-title" />
            </Field>
            <Field id={`${uid}-template`} label={t('plans.template')}>
              <select id={`${uid}-template`} value={template} onChange={(e) => setTemplate(e.target.value as 'work_plan' | 'blank')}>
                <option value="work_plan">{t('plans.templates.work_plan')}</option>
                <option value="blank">{t('plans.templates.blank')}</option>
              </select>
            </Field>
          </div>
          <ErrorNotice error={createError} compact />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.creating') : t('plans.create')}
          </button>
        </form>
      )}
    </section>
  );
}
