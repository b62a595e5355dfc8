/**
 * /invite/:token — what an invitation is for, signed in or not. Signed in, the person joins as themselves when they
 * choose to; signed out, a link made for a person without an account lets them create it (in the institution the
 * facilitator named) and join at once, and any other link asks them to sign in first and brings them back.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Loading } from '../components/Loading.js';
import { SignedInInvite } from '../components/invite/SignedInInvite.js';
import { SignedOutInvite } from '../components/invite/SignedOutInvite.js';
import { useDocumentTitle } from '../lib/useDocumentTitle.js';
import { useSession } from '../session/SessionContext.js';

/** The invitation page (outside RequireSession: a newcomer opens it before having an account). */
export function InvitePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const { status, error, reload } = useSession();
  useDocumentTitle(t('invite.title'));
  useEffect(() => {
    if (status === 'idle') void reload();
  }, [status, reload]);

  return (
    <div className="page narrow">
      <section className="card" aria-labelledby="invite-title" data-testid="invitation">
        <h1 id="invite-title">{t('invite.title')}</h1>
        {status === 'signedIn' ? (
          <SignedInInvite token={token} />
        ) : status === 'signedOut' ? (
          <SignedOutInvite token={token} />
        ) : status === 'error' ? (
          <ErrorNotice error={error} onRetry={() => void reload()} />
        ) : (
          <Loading label={t('session.checking')} />
        )}
      </section>
    </div>
  );
}
