/** Facilitators' panel: change roles and focal points, remove members, add people. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../api/types.js';
import { useMe } from '../session/SessionContext.js';
import { AddMemberForm } from './AddMemberForm.js';
import { MemberRowEditor } from './MemberRowEditor.js';

/** The member-management panel; `onChanged` reloads the working group. */
export function MemberManager({ workspaceId, members, onChanged }: { workspaceId: string; members: Member[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const uid = useId();
  return (
    <section className="card" aria-labelledby={`${uid}-title`} data-testid="member-manager">
      <h2 id={`${uid}-title`}>{t('members.manageTitle')}</h2>
      <div className="table-wrap">
        <table className="table table-controls table-cards">
          <caption className="visually-hidden">{t('members.manageTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.person')}</th>
              <th scope="col">{t('members.organization')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.focalPoint')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              // Keyed by role too, so a reload resets the row's draft to what the server holds.
              <MemberRowEditor key={`${m.userId}:${m.role}:${m.focalPoint}`} workspaceId={workspaceId} member={m} members={members} isSelf={m.userId === me.user.id} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      </div>
      <AddMemberForm workspaceId={workspaceId} members={members} onAdded={onChanged} />
    </section>
  );
}
