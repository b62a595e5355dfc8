/** Stances per organization taking part in the decision, with forms for those who may record them. */
import { useTranslation } from 'react-i18next';
import type { DecisionHistoryEntry, Member, Permissions, Quorum, StanceRecord } from '../api/types.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';
import { useMe } from '../session/SessionContext.js';
import { OrgBadge } from './OrgBadge.js';
import { StanceForm } from './StanceForm.js';
import { StanceRightsNote } from './StanceRightsNote.js';

interface Props {
  decisionId: string;
  isOpen: boolean;
  stances: StanceRecord[];
  /** The decision's history: how many times each organization's stance was recorded, even while hidden. */
  history: DecisionHistoryEntry[];
  quorum?: Quorum;
  members: Member[];
  permissions: Permissions;
  onChanged: () => void;
}

/** One row per participating organization (the server's quorum list, else the members' organizations). */
export function StancesTable({ decisionId, isOpen, stances, history, quorum, members, permissions, onChanged }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { label: orgLabel } = useOrganizations();
  const expected = quorum ? quorum.participating.map((p) => p.organizationId) : members.filter((m) => m.role !== 'observer').map((m) => m.organizationId);
  const orgIds = [...new Set([...expected, ...stances.map((s) => s.organizationId)])];
  const byOrg = new Map(stances.map((s) => [s.organizationId, s]));
  const records = new Map<string, number>();
  for (const h of history) if (typeof h.changes.organizationId === 'string') records.set(h.changes.organizationId, (records.get(h.changes.organizationId) ?? 0) + 1);
  const cast = orgIds.filter((id) => byOrg.has(id)).length;
  // The column of forms shows only to someone who may record at least one stance (not to observers or plain members).
  const mayRecord = (orgId: string) => isOpen && ((permissions.focalPoint && me.user.organizationId === orgId) || permissions.canDecide);
  const formColumn = orgIds.some(mayRecord);

  return (
    <>
      <p className="muted small" data-testid="quorum">
        {t('stances.quorum', { cast, total: orgIds.length, count: orgIds.length })}
      </p>
      <StanceRightsNote isOpen={isOpen} permissions={permissions} members={members} expected={expected} />
      <div className="table-wrap">
        <table className="table stances-table" data-testid="stances-table">
          <caption className="visually-hidden">{t('stances.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.organization')}</th>
              <th scope="col">{t('stances.stance')}</th>
              <th scope="col">{t('stances.reasonHeader')}</th>
              {formColumn && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {orgIds.map((orgId) => {
              const s = byOrg.get(orgId);
              const focal = permissions.focalPoint && me.user.organizationId === orgId;
              const canRecord = mayRecord(orgId);
              return (
                <tr key={orgId} data-organization-id={orgId}>
                  <th scope="row">
                    <OrgBadge id={orgId} />
                  </th>
                  <td data-label={t('stances.stance')}>
                    {s?.stance ? (
                      <span className={`stance stance-${s.stance}`}>{t(`stances.values.${s.stance}`)}</span>
                    ) : (
                      <span className="muted">{s ? t('stances.hidden') : t('stances.pending')}</span>
                    )}
                    {s?.onBehalf && <span className="muted small"> · {t('stances.recordedOnBehalf')}</span>}
                    {s?.updatedAt && <span className="muted small"> · {fmt.dateTime(s.updatedAt)}</span>}
                  </td>
                  <td data-label={t('stances.reasonHeader')}>{s?.reason ?? ''}</td>
                  {formColumn && (
                    <td className={canRecord ? undefined : 'stance-no-form'}>
                      {canRecord && <StanceForm decisionId={decisionId} organizationId={orgId} current={s?.stance ?? null} records={records.get(orgId) ?? 0} onBehalf={!focal} organizationLabel={orgLabel(orgId)} onSaved={onChanged} />}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
