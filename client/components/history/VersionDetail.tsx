/** One version: what changed since it (or between it and another), who changed it, sign-off, restore, downloads. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permissions } from '../../api/types.js';
import type { WhenStored } from '../../plan/ownEditsStored.js';
import { useAsync } from '../../lib/useAsync.js';
import { useFormat } from '../../lib/format.js';
import { DownloadLink } from '../DownloadLink.js';
import { DropdownMenu } from '../DropdownMenu.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Loading } from '../Loading.js';
import { OrgBadge } from '../OrgBadge.js';
import { exportHref, getDiff, type PlanVersion } from './api.js';
import { DiffView } from './DiffView.js';
import { RestoreButton } from './RestoreButton.js';
import { SignOff } from './SignOff.js';
import { useLiveCurrentDiff } from './useLiveCurrentDiff.js';
import { VersionName, versionDisplayName } from './VersionName.js';

interface Props {
  version: PlanVersion;
  versions: PlanVersion[];
  documentId: string;
  permissions: Permissions;
  myOrganizationId: string;
  creatorName: (userId: string | null) => string;
  /** Bumped when the plan's versions change, so the diff against the current content is fetched again. */
  revision: number;
  onChanged: () => void;
  /** Organizations of the group with a focal point (null until the group is loaded). */
  focalOrganizationIds: ReadonlySet<string> | null;
  /** Resolves once the server stored this tab's edits (a restore waits for them). */
  whenStored: WhenStored;
}

const FORMATS = ['pdf', 'docx', 'md', 'json'] as const;

/** The detail pane of the selected version. */
export function VersionDetail({ version, versions, documentId, permissions, myOrganizationId, creatorName, revision, onChanged, focalOrganizationIds, whenStored }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [compareTo, setCompareTo] = useState('current');
  // The restored version, not the sentence: the message follows a language switch (and an automatic version's
  // stored label is worded in the reader's language, as the list words it).
  const [restored, setRestored] = useState<Pick<PlanVersion, 'kind' | 'name'> | null>(null);
  // Changes read from older to newer: against an older version the selected one is the newer side, or its own
  // additions would show as deletions.
  const other = compareTo === 'current' ? undefined : versions.find((v) => v.id === compareTo);
  const olderFirst = other !== undefined && other.createdAt < version.createdAt;
  const [from, to] = olderFirst ? [compareTo, version.id] : [version.id, compareTo];
  const diff = useAsync((signal) => getDiff(documentId, from, to, signal), [documentId, from, to, revision]);
  useLiveCurrentDiff(documentId, compareTo === 'current', diff.reload);
  const nameOf = (id: string) => {
    const v = versions.find((x) => x.id === id);
    return v ? versionDisplayName(v, t) : '';
  };

  return (
    <div className="vh-detail" aria-live="polite">
      <div className="vh-detail-head">
        <div>
          <h3>
            <VersionName version={version} />
          </h3>
          <p className="muted small">
            {t(`history.kinds.${version.kind}`)} · {fmt.dateTime(version.createdAt)}
            {version.createdById ? ` · ${creatorName(version.createdById)}` : ''}
          </p>
        </div>
        <div className="inline-controls">
          <DropdownMenu label={t('history.download')}>
            {FORMATS.map((f) => (
              <li key={f}>
                <DownloadLink href={exportHref(documentId, f, version.id)} label={t(`plans.exportFormats.${f}`)} />
              </li>
            ))}
          </DropdownMenu>
          {permissions.canEdit && (
            <RestoreButton
              version={version}
              whenStored={whenStored}
              onRestored={() => {
                setRestored({ kind: version.kind, name: version.name });
                onChanged();
              }}
            />
          )}
        </div>
      </div>
      {restored !== null && (
        <p className="notice notice-info" role="status">
          {t('history.restored', { name: versionDisplayName(restored, t) })}
        </p>
      )}

      <div className="vh-compare">
        <label className="field field-inline">
          <span>{t('history.compareWith')}</span>
          <select value={compareTo} onChange={(e) => setCompareTo(e.target.value)}>
            <option value="current">{t('history.currentContent')}</option>
            {versions
              .filter((v) => v.id !== version.id)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {versionDisplayName(v, t)} · {fmt.dateTime(v.createdAt)}
                </option>
              ))}
          </select>
        </label>
        <button type="button" className="btn btn-ghost btn-small" onClick={diff.reload}>
          {t('history.refreshDiff')}
        </button>
      </div>

      {diff.error ? <ErrorNotice error={diff.error} onRetry={diff.reload} compact /> : null}
      {diff.loading && !diff.data ? <Loading /> : null}
      {diff.data && (
        <>
          {/* Which way the comparison reads: additions are what the later side has that the earlier lacks. */}
          <p className="muted small vh-direction" data-testid="history-diff-direction">
            {to === 'current'
              ? t('history.diffToCurrent', { from: nameOf(from) })
              : t('history.diffBetween', { from: nameOf(from), to: nameOf(to) })}
          </p>
          <h4>{t('history.contributors')}</h4>
          {diff.data.contributors.length ? (
            <ul className="vh-contributors" data-testid="history-contributors">
              {diff.data.contributors.map((c) => (
                <li key={c.userId}>
                  {c.name} <OrgBadge id={c.organizationId} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('history.noContributors')}</p>
          )}
          <DiffView diff={diff.data} />
        </>
      )}

      {version.kind === 'named' && <SignOff version={version} canApprove={permissions.focalPoint && version.signOff.some((s) => s.organizationId === myOrganizationId)} myOrganizationId={myOrganizationId} onApproved={onChanged} focalOrganizationIds={focalOrganizationIds} />}
    </div>
  );
}
