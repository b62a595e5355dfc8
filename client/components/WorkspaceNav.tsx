/** Breadcrumb and section links shared by a working group's pages. */
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { Permissions } from '../api/types.js';

interface Props {
  workspaceId: string;
  workspaceName?: string;
  permissions?: Permissions;
  /** The current page's own name, last in the breadcrumb. */
  current?: string;
}

/** "My working groups › Name › Current" plus tabs for the group's sections. */
export function WorkspaceNav({ workspaceId, workspaceName, permissions, current }: Props) {
  const { t } = useTranslation();
  const base = `/w/${workspaceId}`;
  return (
    <div className="ws-nav">
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('nav.workspaces')}</Link>
          </li>
          {/* A group not known (yet, or at all: not theirs) is no link: it would lead to the same "not found". */}
          <li>
            {current && workspaceName !== undefined ? (
              <Link to={base} title={workspaceName}>
                {workspaceName}
              </Link>
            ) : (
              <span aria-current={current ? undefined : 'page'}>{workspaceName ?? '…'}</span>
            )}
          </li>
          {current && (
            // On a phone the page's own heading, right below, names it: only screen readers get it here then.
            <li className="breadcrumb-current">
              <span aria-current="page">{current}</span>
            </li>
          )}
        </ol>
      </nav>
      {/* No sections to offer until the group is known (it may not exist, or not be theirs). */}
      {workspaceName !== undefined && (
        <nav aria-label={t('nav.sections')} className="tabs">
          <NavLink to={base} end>
            {t('workspace.overview')}
          </NavLink>
          <NavLink to={`${base}/decisions`}>{t('decisions.title')}</NavLink>
          <NavLink to={`${base}/actions`}>{t('nav.actions')}</NavLink>
          {permissions?.canViewAudit && <NavLink to={`${base}/audit`}>{t('audit.title')}</NavLink>}
          <NavLink to="/matrix">{t('nav.matrix')}</NavLink>
        </nav>
      )}
    </div>
  );
}
