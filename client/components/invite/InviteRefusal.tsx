/** What the invitation page says when a link admits no one (404) or the signed-in person was removed since (403). */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.js';

/** A refusal that no retry changes. */
export function InviteRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <p className="notice notice-warning" role="alert" data-testid="invite-invalid">
        {t('invite.invalid')}
      </p>
    );
  }
  return (
    <p className="notice notice-warning" role="alert" data-testid="invite-removed">
      {t('invite.removed')}
    </p>
  );
}

/** Whether `err` is such a refusal (404 or 403). */
export const isInviteRefusal = (err: unknown): boolean => err instanceof ApiError && (err.status === 404 || err.status === 403);
