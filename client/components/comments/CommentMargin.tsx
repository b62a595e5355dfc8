/**
 * The comment margin beside the plan editor: threads (open, resolved or all), a composer for the
 * selected text, an activity or the plan in general, highlights of text anchors in the editor, and
 * what changed since the reader's last visit.
 */
import type { Editor } from '@tiptap/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Member, Permissions } from '../../api/types.js';
import { useMe } from '../../session/SessionContext.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { useWorkspace } from '../../session/useWorkspace.js';
import type { WhenStored } from '../../plan/ownEditsStored.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { hasWords } from './cellThreads.js';
import { CommentThread, type ThreadContext } from './CommentThread.js';
import { NewCommentSection, useCommentDraft } from './NewCommentSection.js';
import { SinceLastVisit } from './SinceLastVisit.js';
import { ThreadToggledNote, type ToggledThread } from './ThreadToggledNote.js';
import { useActiveThread, type ThreadFilter } from './useActiveThread.js';
import { useActivityTitles } from './useActivityTitles.js';
import { useAnchorFollow } from './useAnchorFollow.js';
import { useCellThreadLinks } from './useCellThreadLinks.js';
import { useComments } from './useComments.js';
import { useLiveDetached } from './useLiveDetached.js';
import { useVisit } from './useVisit.js';
import './comments.css';

interface Props {
  workspaceId: string;
  documentId: string;
  ydoc: Y.Doc;
  editor: Editor | null;
  permissions: Permissions;
  /** Whether the plan has synced with the server (before that, anchors are not judged on the local copy). */
  synced: boolean;
  /** Resolves once the server stored this tab's edits (see ownEditsStored). */
  whenStored: WhenStored;
}

const NO_MEMBERS: Member[] = [];

/** The margin. */
export function CommentMargin({ workspaceId, documentId, ydoc, editor, permissions, synced, whenStored }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  // Members for names and mentions; the page's copy is not passed down, so ask (it is small).
  const members = useWorkspace(workspaceId).data?.members ?? NO_MEMBERS;
  const orgs = useOrganizations();
  const fetched = useComments(workspaceId, documentId);
  const { loading, error, reload } = fetched;
  const changes = useVisit(documentId);
  const titles = useActivityTitles(ydoc);
  // Detached or not as the live plan stands now, not as it stood when the comments were fetched.
  const activityIds = useMemo(() => new Set(titles.keys()), [titles]);
  const liveDetached = useLiveDetached(ydoc, fetched.threads, synced, activityIds);
  const threads = useMemo(
    () =>
      fetched.threads.map((th) => {
        const now = liveDetached.get(th.id);
        return now === undefined || now === th.root.detached ? th : { ...th, root: { ...th.root, detached: now } };
      }),
    [fetched.threads, liveDetached],
  );
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const [actionError, setActionError] = useState<unknown>(null);
  const [toggled, setToggled] = useState<ToggledThread | null>(null);

  const candidates = useMemo(() => {
    const orgIds = [...new Set(members.map((m) => m.organizationId))];
    return {
      members: members.filter((m) => m.userId !== me.user.id),
      organizations: orgIds.map((id) => orgs.byId.get(id)).filter((o): o is NonNullable<typeof o> => !!o && !!o.acronym),
    };
  }, [members, me.user.id, orgs.byId]);
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members]);

  // One object while its inputs stand, so the memoized threads do not re-render for it.
  const ctx: ThreadContext = useMemo(
    () => ({
      documentId,
      meId: me.user.id,
      isFacilitator: permissions.role === 'facilitator',
      canResolveAny: permissions.canEdit,
      canComment: permissions.canComment,
      candidates,
      acronyms: candidates.organizations.map((o) => o.acronym),
      userName: (id) => (id === me.user.id ? me.user.name : names.get(id)),
      orgLabel: (id) => orgs.label(id),
      onChanged: reload,
      onToggled: (threadId, resolved) => setToggled({ threadId, resolved }),
      onError: setActionError,
    }),
    [documentId, me.user.id, me.user.name, permissions.role, permissions.canEdit, permissions.canComment, candidates, names, orgs, reload],
  );

  const { active, setActive, activate } = useActiveThread({ editor, documentId, threads, filter, setFilter });
  // The activities table's cell markers: which cells have open threads, and a marker pressed opens its thread here.
  const cellLinks = useCellThreadLinks({ documentId, threads, active, setActive, filter, setFilter });
  // This person's edit moved a thread's words (a split, joined or re-styled paragraph): the thread follows them.
  useAnchorFollow({ editor, canEdit: permissions.canEdit, whenStored, onMoved: reload });
  const draft = useCommentDraft(documentId, editor, (threadId) => {
    setActive(threadId);
    reload();
  });

  // A thread whose every comment was deleted has nothing left to read or answer: not listed nor counted, unless a
  // link opened it (it then says its comment was deleted).
  const shown = useMemo(
    () => threads.filter((th) => (hasWords(th) || th.id === active) && (filter === 'all' || (filter === 'resolved') === th.resolved)),
    [threads, filter, active],
  );
  const openCount = useMemo(() => threads.filter((th) => !th.resolved && hasWords(th)).length, [threads]);
  const fresh = useMemo(() => new Set(changes?.newComments ?? []), [changes]);

  return (
    <aside className="comment-margin" aria-label={t('comments.title')} data-testid="comment-margin">
      <div className="comment-margin-head">
        <h2>
          {t('comments.title')} <span className="muted small">({openCount})</span>
        </h2>
        <label className="small">
          <span className="visually-hidden">{t('comments.filter')}</span>
          <select
            value={filter}
            onChange={(e) => {
              // Another list: a note about the last one would take the focus back when it showed again.
              setToggled(null);
              setFilter(e.target.value as ThreadFilter);
            }}
          >
            <option value="open">{t('comments.filterOpen')}</option>
            <option value="resolved">{t('comments.filterResolved')}</option>
            <option value="all">{t('comments.filterAll')}</option>
          </select>
        </label>
      </div>
      {changes && <SinceLastVisit workspaceId={workspaceId} changes={changes} />}
      {permissions.canComment && <NewCommentSection documentId={documentId} draft={draft} editor={editor} titles={titles} candidates={candidates} />}
      {/* Only while the thread is out of the list shown: under "all" its card stays, with its own button. */}
      {toggled && !shown.some((th) => th.id === toggled.threadId) && filter !== 'all' && (filter === 'resolved') !== toggled.resolved && (
        <ThreadToggledNote
          toggled={toggled}
          onUndone={() => {
            setToggled(null);
            reload();
          }}
          onError={setActionError}
        />
      )}
      {actionError !== null && <ErrorNotice error={actionError} compact onRetry={() => setActionError(null)} />}
      {error !== null && <ErrorNotice error={error} compact onRetry={reload} />}
      {loading && !threads.length ? (
        <p className="muted small">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="muted small">{t(filter === 'resolved' ? 'comments.noneResolved' : 'comments.none')}</p>
      ) : (
        <div className="comment-threads" onKeyDown={cellLinks.onKeyDown} onBlur={cellLinks.onBlur}>
          {shown.map((th) => {
            // New since the reader's last visit: said in words too, not only by the coloured edge.
            const isNew = fresh.has(th.id) || th.replies.some((r) => fresh.has(r.id));
            return (
              <div key={th.id} className={isNew ? 'comment-thread-new' : undefined}>
                {isNew && <p className="comment-new-tag small">{t('comments.newSinceVisit')}</p>}
                <CommentThread
                  thread={th}
                  ctx={ctx}
                  active={active === th.id}
                  onActivate={activate}
                  activityTitle={th.root.anchor?.type === 'activity' ? titles.get(th.root.anchor.activityId) : undefined}
                  planLoaded={synced}
                />
              </div>
            );
          })}
        </div>
      )}
    </aside>
  );
}
