/** /invite/:token — accepts an invitation for the signed-in person (sign-in comes first), then opens the working group. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/http.js';
import { acceptInvitation } from '../api/invitations.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { useNotices } from '../components/Notices.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useSession } from '../session/SessionContext.js';

/** The group of a 409 `already_member` answer, if that is what `err` is. */
function alreadyMemberOf(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.reason !== 'already_member') return undefined;
  const details = err.details as { workspaceId?: unknown } | undefined;
  return typeof details?.workspaceId === 'string' ? details.workspaceId : undefined;
}

/** The invitation page (rendered below RequireSession, so a signed-out visitor signs in and comes back here). */
export function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { reload } = useSession();
  const { show } = useNotices();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useDocumentTitle(t('invite.title'));

  useEffect(() => {
    // Once only: the token is single-use, and a second call (StrictMode, re-render) would find it used.
    if (started.current) return;
    started.current = true;
    acceptInvitation(token).then(
      async ({ workspaceId }) => {
        await reload();
        show(t('invite.joined'));
        navigate(`/w/${encodeURIComponent(workspaceId)}`, { replace: true });
      },
      (err: unknown) => {
        // Already a member: the link stays for the person it was made for; open the group instead.
        const workspaceId = alreadyMemberOf(err);
        if (workspaceId) {
          show(t('invite.alreadyMember'));
          navigate(`/w/${encodeURIComponent(workspaceId)}`, { replace: true });
        } else setError(err);
      },
    );
  }, [token, reload, navigate, show, t]);

  return (
    <div className="page narrow">
      <section className="card" aria-labelledby="invite-title">
        <h1 id="invite-title">{t('invite.title')}</h1>
        {error ? (
          <>
            {error instanceof ApiError && error.status === 404 ? (
              <p className="notice notice-warning" role="alert" data-testid="invite-invalid">
                {t('invite.invalid')}
              </p>
            ) : error instanceof ApiError && error.status === 403 ? (
              <p className="notice notice-warning" role="alert" data-testid="invite-removed">
                {t('invite.removed')}
              </p>
            ) : (
              <ErrorNotice error={error} />
            )}
            <Link to="/">{t('invite.goHome')}</Link>
          </>
        ) : (
          <Loading label={t('invite.accepting')} />
        )}
      </section>
    </div>
  );
}
