/**
 * «Mis acciones»: the signed-in person's follow-up actions across all their working groups, grouped by where their due
 * date stands (Mexico City's day), each a click away from its decision; the status changes in place. Filters live in
 * the address (open actions assigned to me by default); the list follows its groups' events live.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { workingDay } from '../../shared/calendar.js';
import type { ActionStatus } from '../../shared/constants.js';
import { groupByDue, type MyAction } from '../../shared/myActions.js';
import { updateAction } from '../api/decisions.js';
import { listMyActions } from '../api/myActions.js';
import { MyActionRow } from '../components/actions/MyActionRow.js';
import { myActionsFilterFrom, myActionsFilterSearch, MyActionsFilters, type MyActionsFilterValue } from '../components/actions/MyActionsFilters.js';
import { useMyActionsLive } from '../components/actions/useMyActionsLive.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useFormat } from '../lib/format.js';
import { useAsync } from '../lib/useAsync.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useMe, useSession } from '../session/SessionContext.js';
import './myActions.css';

/** The /actions page. */
export function MyActionsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const me = useMe();
  const { reload: reloadSession } = useSession();
  const [search, setSearch] = useSearchParams();
  // Held here as well as in the address: the router applies the address in a transition, and a controlled radio
  // button would show the old choice until then.
  const [filter, setFilterState] = useState<MyActionsFilterValue>(() => myActionsFilterFrom(search));
  const setFilter = (next: MyActionsFilterValue) => {
    setFilterState(next);
    setSearch(myActionsFilterSearch(next), { replace: true });
  };
  // The address changed from outside (the header's link, back and forward): the filters follow it.
  const address = search.toString();
  useEffect(() => {
    const from = myActionsFilterFrom(new URLSearchParams(address));
    setFilterState((f) => (f.status === from.status && f.scope === from.scope ? f : from));
  }, [address]);
  const list = useAsync((signal) => listMyActions(filter, signal), [filter.status, filter.scope]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  // The last change that took an action out of the list, shown where it happened with a way back, until dismissed or
  // another change; the hidden status above only says it once, to a screen reader.
  const [moved, setMoved] = useState<{ action: MyAction; from: ActionStatus; to: ActionStatus } | null>(null);
  // Other filters, another list: "it leaves this list" no longer holds, so a screen reader is not left with it.
  useEffect(() => setAnnouncement(''), [filter.status, filter.scope]);
  const heading = useRef<HTMLHeadingElement>(null);
  const workspaceIds = useMemo(() => me.memberships.map((m) => m.workspaceId), [me.memberships]);
  useMyActionsLive(workspaceIds, list.reload, () => void reloadSession());
  useDocumentTitle(t('myActions.title'));

  const today = workingDay();
  const groups = useMemo(() => groupByDue(list.data?.actions ?? [], today), [list.data, today]);
  // An observer of a group reads its actions' statuses; a group not in the session yet (just joined) is left to the server.
  const canEdit = (a: MyAction) => me.memberships.find((m) => m.workspaceId === a.workspaceId)?.role !== 'observer';

  const saveStatus = async (a: MyAction, status: ActionStatus) => {
    setSaveError(null);
    try {
      await updateAction(a.id, status);
    } catch (err) {
      setSaveError(err);
      throw err;
    }
    if (status !== filter.status) {
      // It leaves the list at once; the select it was changed in goes with it, so the keyboard goes to the list's
      // heading and the change is said.
      list.setData((prev) => prev && { ...prev, actions: prev.actions.filter((x) => x.id !== a.id) });
      setAnnouncement(t('myActions.moved', { title: a.title, status: t(`actionStatus.${status}`) }));
      setMoved({ action: a, from: a.status, to: status });
      heading.current?.focus();
    } else setMoved(null);
    list.reload();
  };

  // «Deshacer»: the status it had goes back, and with it the action to the list it left.
  const undoMove = async () => {
    if (!moved) return;
    const { action: a, from } = moved;
    setSaveError(null);
    try {
      await updateAction(a.id, from);
    } catch (err) {
      setSaveError(err);
      return;
    }
    setMoved(null);
    setAnnouncement(t('myActions.undone', { title: a.title, status: t(`actionStatus.${from}`) }));
    heading.current?.focus();
    list.reload();
  };

  const actions = list.data?.actions;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('myActions.title')}</h1>
        <p className="lead muted">{t('myActions.lead')}</p>
      </div>
      <section className="card" aria-labelledby={`${uid}-count`}>
        <div className="section-head">
          <h2 id={`${uid}-count`} ref={heading} tabIndex={-1}>
            {actions ? t('myActions.count', { count: actions.length, n: fmt.number(actions.length) }) : t('myActions.title')}
          </h2>
          <MyActionsFilters idPrefix={uid} value={filter} onChange={setFilter} />
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
        {moved && (
          <div className="notice notice-info notice-compact my-actions-moved" data-testid="my-actions-moved">
            <p>{t('myActions.changed', { title: moved.action.title, status: t(`actionStatus.${moved.to}`) })}</p>
            <div className="my-actions-moved-buttons">
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void undoMove()}>
                {t('myActions.undo')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => {
                  setMoved(null);
                  heading.current?.focus();
                }}
              >
                {t('common.dismiss')}
              </button>
            </div>
          </div>
        )}
        {list.loading && !actions && <Loading />}
        <ErrorNotice error={list.error} onRetry={list.reload} />
        <ErrorNotice error={saveError} compact />
        {list.data?.truncated && <p className="notice notice-info">{t('myActions.truncated', { n: fmt.number(list.data.actions.length) })}</p>}
        {actions?.length === 0 && <EmptyList filter={filter} hasGroups={workspaceIds.length > 0} onShowOpen={() => setFilter({ ...filter, status: 'open' })} />}
        {groups.map(({ group, items }) => (
          <section key={group} className="my-actions-group" aria-labelledby={`${uid}-${group}`} data-testid="my-actions-group" data-group={group}>
            <h3 id={`${uid}-${group}`} className={group === 'overdue' ? 'is-overdue' : undefined}>
              {t(`myActions.groups.${group}`)} <span className="count">{fmt.number(items.length)}</span>
            </h3>
            <ul className="item-list">
              {items.map((a) => (
                <MyActionRow key={a.id} action={a} idPrefix={uid} canEdit={canEdit(a)} onStatus={(status) => saveStatus(a, status)} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </div>
  );
}

/** What an empty list means and what to do next, for the filters shown. */
function EmptyList({ filter, hasGroups, onShowOpen }: { filter: MyActionsFilterValue; hasGroups: boolean; onShowOpen: () => void }) {
  const { t } = useTranslation();
  if (!hasGroups) {
    return (
      <p className="empty" data-testid="my-actions-empty">
        {t('myActions.emptyNoGroups')} <Link to="/">{t('myActions.toGroups')}</Link>
      </p>
    );
  }
  if (filter.status !== 'open') {
    return (
      <p className="empty" data-testid="my-actions-empty">
        {t('myActions.emptyClosed', { status: t(`actionStatus.${filter.status}`) })}{' '}
        <button type="button" className="btn btn-ghost btn-small" onClick={onShowOpen}>
          {t('myActions.toOpen')}
        </button>
      </p>
    );
  }
  return (
    <p className="empty" data-testid="my-actions-empty">
      {t(filter.scope === 'mine' ? 'myActions.emptyMine' : 'myActions.emptyOrganization')} <Link to="/">{t('myActions.toGroups')}</Link>
    </p>
  );
}
