/**
 * The invitation page for a signed-in person: says what the invitation is for (group, role, who invited, as whom the
 * person would join) and joins only when they choose to: opening a link used to join at once, whoever was signed in,
 * and use it up.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/http.js';
import { acceptInvitation, previewInvitation, type InvitationPreview } from '../../api/invitations.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Loading } from '../Loading.js';
import { useNotices } from '../Notices.js';
import { useSession } from '../../session/SessionContext.js';
import { InviteRefusal, isInviteRefusal } from './InviteRefusal.js';

/** The group of a 409 `already_member` answer, if that is what `err` is. */
function alreadyMemberOf(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.reason !== 'already_member') return undefined;
  const details = err.details as { workspaceId?: unknown } | undefined;
  return typeof details?.workspaceId === 'string' ? details.workspaceId : undefined;
}

/** The invitation as a signed-in person sees it: join as themselves, or be told they are in. */
export function SignedInInvite({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, reload } = useSession();
  const { show } = useNotices();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [joining, setJoining] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const openGroup = useCallback((workspaceId: string, notice: string) => {
    show(notice);
    navigate(`/w/${encodeURIComponent(workspaceId)}`, { replace: true });
  }, [navigate, show]);

  useEffect(() => {
    let live = true;
    setError(null);
    previewInvitation(token).then(
      (p) => {
        if (!live) return;
        // In the group already: nothing to choose, the group opens.
        if (p.alreadyMember) openGroup(p.workspaceId, t(p.usedByYou ? 'invite.alreadyJoined' : 'invite.alreadyMember'));
        else setPreview(p);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token, attempt, openGroup, t]);

  const join = async () => {
    setJoining(true);
    setError(null);
    try {
      const { workspaceId } = await acceptInvitation(token);
      await reload();
      openGroup(workspaceId, t('invite.joined'));
    } catch (err) {
      const workspaceId = alreadyMemberOf(err);
      if (workspaceId) openGroup(workspaceId, t('invite.alreadyMember'));
      else setError(err);
    } finally {
      setJoining(false);
    }
  };

  const refused = isInviteRefusal(error);
  return refused ? (
    <>
      <InviteRefusal error={error} />
      <Link to="/">{t('invite.goHome')}</Link>
    </>
  ) : preview ? (
    <div className="form">
      <p>{t('invite.prompt', { inviter: preview.invitedBy.name, acronym: preview.invitedBy.acronym, workspace: preview.workspaceName, role: t(`roles.${preview.role}`).toLocaleLowerCase() })}</p>
      <p className="muted">{t('invite.joinAs', { name: me?.user.name ?? '', acronym: me?.organization?.acronym ?? '' })}</p>
      <ErrorNotice error={error} compact />
      <div className="actions-cell">
        <button type="button" className="btn btn-primary" disabled={joining} onClick={() => void join()}>
          {joining ? t('invite.accepting') : t('invite.join')}
        </button>
        <Link className="btn btn-secondary" to="/">
          {t('invite.notNow')}
        </Link>
      </div>
    </div>
  ) : error ? (
    <>
      <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />
      <Link to="/">{t('invite.goHome')}</Link>
    </>
  ) : (
    <Loading label={t('invite.loading')} />
  );
}
