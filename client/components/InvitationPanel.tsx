/**
 * Facilitators create a single-use invitation link (role, expiry) and copy it; the link is shown only once. Naming an
 * institution makes the link work for a person without an account too: they create it with the link, in that
 * institution (the facilitator vouches for it: formal stances are one per institution, so nobody picks their own).
 * A facilitator may name only their own institution; an instance admin, any.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_ROLES, type WorkspaceRole } from '../../shared/constants.js';
import { createInvitation, type Invitation } from '../api/invitations.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';
import { ErrorNotice } from './ErrorNotice.js';
import { describedBy, Field } from './Field.js';
import { InvitationList } from './InvitationList.js';
import { OrganizationSelect } from './OrganizationSelect.js';

/** Expiry choices in hours (the server accepts 1 h to 30 days). */
const EXPIRIES = [24, 72, 168, 720] as const;

/** The invitation panel of a working group. */
export function InvitationPanel({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uid = useId();
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [hours, setHours] = useState<number>(72);
  const [organizationId, setOrganizationId] = useState('');
  const { label: orgLabel } = useOrganizations();
  // A facilitator vouches only for their own institution's new accounts; an instance admin for any (people are theirs).
  const { user } = useMe();
  const vouchable = user.isAdmin ? undefined : [user.organizationId];
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState(0);
  const linkRef = useRef<HTMLInputElement>(null);
  const link = invitation ? `${window.location.origin}${invitation.path}` : '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setInvitation(await createInvitation(workspaceId, { role, expiresInHours: hours, ...(organizationId ? { organizationId } : {}) }));
      setCreated((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch (err) {
      // Clipboard access can be denied (plain http, permissions): select the text for a manual copy.
      console.warn('Clipboard unavailable', err);
      linkRef.current?.select();
    }
  };

  return (
    <section className="card" aria-labelledby={`${uid}-title`} data-testid="invitation-panel">
      <h2 id={`${uid}-title`}>{t('invitations.title')}</h2>
      <p className="muted">{t('invitations.intro')}</p>
      <form className="form" onSubmit={(e) => void onSubmit(e)}>
        <div className="field-row">
          <Field id={`${uid}-role`} label={t('members.role')}>
            <select id={`${uid}-role`} value={role} onChange={(e) => setRole(e.target.value as WorkspaceRole)}>
              {WORKSPACE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${uid}-expiry`} label={t('invitations.expiry')}>
            <select id={`${uid}-expiry`} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {EXPIRIES.map((h) => (
                <option key={h} value={h}>
                  {t(`invitations.expiresIn.${h}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id={`${uid}-org`} label={t('invitations.newAccountOrg')} hint={t(user.isAdmin ? 'invitations.newAccountOrgHint' : 'invitations.newAccountOwnOrgHint')}>
          <OrganizationSelect id={`${uid}-org`} value={organizationId} onChange={setOrganizationId} onlyIds={vouchable} aria-describedby={describedBy(`${uid}-org`, { hint: true })} />
        </Field>
        <ErrorNotice error={error} compact />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.creating') : t('invitations.create')}
        </button>
      </form>
      {invitation && (
        <div className="form inline-form" data-testid="invitation-link">
          <Field
            id={`${uid}-link`}
            label={t('invitations.link')}
            hint={[
              t('invitations.once', { date: fmt.dateTime(invitation.expiresAt), role: t(`roles.${invitation.role}`) }),
              invitation.organizationId ? t('invitations.forNewAccount', { acronym: orgLabel(invitation.organizationId) }) : '',
            ].join(' ').trim()}
          >
            <input id={`${uid}-link`} ref={linkRef} readOnly value={link} aria-describedby={`${uid}-link-hint`} onFocus={(e) => e.target.select()} />
          </Field>
          <div className="inline-controls">
            <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
              {t('invitations.copy')}
            </button>
            <span role="status" className="muted">
              {copied ? t('invitations.copied') : ''}
            </span>
          </div>
        </div>
      )}
      <InvitationList workspaceId={workspaceId} version={created} />
    </section>
  );
}
