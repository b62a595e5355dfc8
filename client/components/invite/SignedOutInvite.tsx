/**
 * The invitation for someone not signed in: what it is for, then either the sign-up form (a link made for a person
 * without an account, naming their institution) or a way to sign in that comes back to the link.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { previewInvitation, type InvitationPreview } from '../../api/invitations.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Loading } from '../Loading.js';
import { InviteRefusal, isInviteRefusal } from './InviteRefusal.js';
import { InviteSignUpForm } from './InviteSignUpForm.js';
import { signInThenBack } from './signInThenBack.js';

/** The invitation page's body for a visitor without a session. */
export function SignedOutInvite({ token }: { token: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    previewInvitation(token).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  if (isInviteRefusal(error)) {
    return (
      <>
        <InviteRefusal error={error} />
        <Link to="/login">{t('invite.signIn')}</Link>
      </>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!preview) return <Loading label={t('invite.loading')} />;
  const prompt = t('invite.prompt', { inviter: preview.invitedBy.name, acronym: preview.invitedBy.acronym, workspace: preview.workspaceName, role: t(`roles.${preview.role}`).toLocaleLowerCase() });
  if (!preview.signUp) {
    return (
      <div className="form">
        <p>{prompt}</p>
        <p className="notice notice-info" data-testid="invite-sign-in-first">
          {t('invite.signInFirst')}
        </p>
        <div className="actions-cell">
          <Link className="btn btn-primary" to={signInThenBack(token)}>
            {t('invite.signIn')}
          </Link>
        </div>
      </div>
    );
  }
  return (
    <>
      <p>{prompt}</p>
      <InviteSignUpForm token={token} organization={preview.signUp.organization} />
    </>
  );
}
