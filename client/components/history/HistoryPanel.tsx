/**
 * The version history of a plan: a timeline of automatic, named and meeting versions; naming a
 * version; and, for the selected one, its diff with contributors, sign-off, restore and downloads.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permissions } from '../../api/types.js';
import type { WhenStored } from '../../plan/ownEditsStored.js';
import { useAsync } from '../../lib/useAsync.js';
import { useFormat } from '../../lib/format.js';
import { useSubmissionKey } from '../../lib/submissionKey.js';
import { useInvalidFocus } from '../../lib/useInvalidFocus.js';
import { ApiError } from '../../api/http.js';
import { useWorkspaceEvent, useWorkspaceResync } from '../../realtime/RealtimeContext.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { useMe } from '../../session/SessionContext.js';
import { useWorkspace } from '../../session/useWorkspace.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Loading } from '../Loading.js';
import { listVersions, nameVersion, type PlanVersion } from './api.js';
import { useVersionEvents } from './useVersionEvents.js';
import { VersionDetail } from './VersionDetail.js';
import { VersionName } from './VersionName.js';
import './history.css';

interface Props {
  workspaceId: string;
  documentId: string;
  permissions: Permissions;
  /** Resolves once the server stored this tab's edits, so a version named right after typing includes them. */
  whenStored: WhenStored;
}

function NameVersionForm({ documentId, whenStored, onCreated }: { documentId: string; whenStored: WhenStored; onCreated: (v: PlanVersion) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [name, setName] = useState('');
  const submission = useSubmissionKey();
  const [busy, setBusy] = useState<'saving' | 'creating' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = useInvalidFocus();
  const nameError = check.tried && !name.trim() ? t('common.required') : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return check.refuse();
    setError(null);
    // Offline, waiting for this tab's edits to be stored would show "saving" for the whole wait (15 s) and only
    // then say there is no connection: say it at once, with the name kept for when the connection is back.
    if (!navigator.onLine) return setError(new ApiError(0, 'network_error', 'offline'));
    setBusy('saving');
    try {
      // The version is taken on the server: the edits this person just made must be there first.
      await whenStored();
      setBusy('creating');
      const created = await nameVersion(documentId, name.trim(), submission.keyFor({ documentId, name: name.trim() }));
      submission.done();
      onCreated(created);
      setName('');
      check.reset();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <form ref={check.ref} className="inline-form vh-name-form" onSubmit={submit} noValidate>
      <label className="field field-inline">
        <span>{t('history.nameLabel')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          placeholder={t('history.namePlaceholder')}
          required
          aria-invalid={!!nameError}
          aria-describedby={nameError ? `${uid}-error` : undefined}
          data-testid="history-name-input"
        />
      </label>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy !== null}>
        {busy === 'saving' ? t('history.savingFirst') : busy === 'creating' ? t('common.creating') : t('history.nameVersion')}
      </button>
      {nameError && (
        <p id={`${uid}-error`} className="field-error">
          {nameError}
        </p>
      )}
      <ErrorNotice error={error} compact />
    </form>
  );
}

/**
 * A named version's sign-off. Only a focal point approves for its organization, so one without a focal point
 * (and not approved before losing it) is counted apart: in the total the tally could never reach, it read as stuck.
 */
function approvalSummary(v: PlanVersion, focalOrganizationIds: ReadonlySet<string> | null): { approved: number; total: number; blocked: string[] } {
  const blocked = v.signOff.filter((s) => !s.approved && focalOrganizationIds !== null && !focalOrganizationIds.has(s.organizationId)).map((s) => s.organizationId);
  return { approved: v.signOff.filter((s) => s.approved).length, total: v.signOff.length - blocked.length, blocked };
}

/** The history panel shown under a plan. */
export function HistoryPanel({ workspaceId, documentId, permissions, whenStored }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const orgs = useOrganizations();
  const ws = useWorkspace(workspaceId);
  const versions = useAsync((signal) => listVersions(documentId, signal), [documentId]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const refresh = () => {
    versions.reload();
    setRevision((n) => n + 1);
  };
  useVersionEvents(workspaceId, documentId, refresh);
  // Versions created, approved or restored while the events socket was down: caught up once the room is joined again.
  useWorkspaceResync(workspaceId, refresh);
  // Each named version's sign-off rows are the organizations taking part: someone joining, leaving or changing role
  // can add or take away a row (and with it the focal point's approve button).
  useWorkspaceEvent(workspaceId, 'member:updated', versions.reload);
  useWorkspaceEvent(workspaceId, 'member:removed', versions.reload);

  const list = versions.data ?? [];
  const selected = list.find((v) => v.id === selectedId) ?? null;
  const names = new Map((ws.data?.members ?? []).map((m) => [m.userId, m.name]));
  // Only a focal point signs off for its organization: one without a focal point cannot approve yet.
  const focalOrganizationIds = ws.data ? new Set(ws.data.members.filter((m) => m.focalPoint).map((m) => m.organizationId)) : null;
  const creatorName = (id: string | null) => (id ? (names.get(id) ?? t('history.formerMember')) : t('history.system'));

  return (
    <section className="card vh-panel" aria-labelledby="vh-title" data-testid="history-panel">
      <div className="section-head">
        <h2 id="vh-title">
          {t('history.title')} <span className="count">{list.length}</span>
        </h2>
      </div>
      {permissions.canEdit && (
        <NameVersionForm
          documentId={documentId}
          whenStored={whenStored}
          onCreated={(v) => {
            setSelectedId(v.id);
            refresh();
          }}
        />
      )}
      {versions.error ? <ErrorNotice error={versions.error} onRetry={versions.reload} /> : null}
      {versions.loading && !versions.data ? <Loading /> : null}
      {versions.data && !list.length && <p className="muted">{t('history.empty')}</p>}
      {list.length > 0 && (
        <div className="vh-layout">
          <ol className="vh-timeline" aria-label={t('history.timeline')}>
            {list.map((v) => {
              const s = approvalSummary(v, focalOrganizationIds);
              const tally = [
                s.total > 0 ? t('history.approvalCount', { approved: s.approved, count: s.total }) : '',
                s.blocked.length > 0 ? t('history.approvalBlocked', { count: s.blocked.length, orgs: fmt.list(s.blocked.map((id) => orgs.label(id))) }) : '',
              ].filter(Boolean);
              return (
                <li key={v.id} className={`vh-item vh-kind-${v.kind}`}>
                  <button type="button" className="vh-item-button" aria-pressed={v.id === selectedId} onClick={() => setSelectedId(v.id === selectedId ? null : v.id)}>
                    <span className="vh-item-name">
                      <VersionName version={v} />
                    </span>
                    <span className="vh-item-meta">
                      <span className={`tag vh-tag-${v.kind}`}>{t(`history.kinds.${v.kind}`)}</span> {fmt.dateTime(v.createdAt)}
                      {v.createdById ? ` · ${creatorName(v.createdById)}` : ''}
                    </span>
                    {v.kind === 'named' && tally.length > 0 && (
                      <span className="vh-item-meta" data-testid="history-approval-count">
                        {tally.join(' · ')}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ol>
          {selected ? (
            <VersionDetail
              key={selected.id}
              version={selected}
              versions={list}
              documentId={documentId}
              permissions={permissions}
              myOrganizationId={me.user.organizationId}
              creatorName={creatorName}
              revision={revision}
              onChanged={refresh}
              focalOrganizationIds={focalOrganizationIds}
              whenStored={whenStored}
            />
          ) : (
            <p className="muted vh-pick">{t('history.pickOne')}</p>
          )}
        </div>
      )}
    </section>
  );
}
