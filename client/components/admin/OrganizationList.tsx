/**
 * The admin page's list of organizations: each acronym is a button that opens the organization's edit form below the
 * list (the list's cells stay what they show: acronym, name, level, state). A saved edit or a (de)activation is said
 * in the organization's row, where focus returns.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../api/types.js';
import { FormStatus, useRowStatus } from '../FormStatus.js';
import { stateName } from '../../../shared/municipalities.js';
import { OrganizationActivationButton } from './OrganizationActivationButton.js';
import { OrganizationEditForm } from './OrganizationEditForm.js';
import './organizationList.css';

interface Props {
  organizations: Organization[];
  /** After a saved change (said in its row already): the organization as it is now. */
  onUpdated: (o: Organization) => void;
  /** After a deactivation or reactivation (said in its row already): the organization as it is now. */
  onActivation: (o: Organization) => void;
}

/** The organizations table, and the edit form of the one being edited. */
export function OrganizationList({ organizations, onUpdated, onActivation }: Props) {
  const { t } = useTranslation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const status = useRowStatus();
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const editing = organizations.find((o) => o.id === editingId);

  // Back to the row's Edit button, so a keyboard user goes on from where they started.
  const close = (id: string) => {
    setEditingId(null);
    requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  };

  return (
    <>
      <p className="muted small" id="admin-organizations-hint">
        {t('admin.editOrganizationHint')}
      </p>
      <div className="table-wrap">
        <table className="table table-cards" data-testid="admin-organizations" aria-describedby="admin-organizations-hint">
          <caption className="visually-hidden">{t('admin.organizations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('org.acronym')}</th>
              <th scope="col">{t('org.name')}</th>
              <th scope="col">{t('org.level')}</th>
              <th scope="col">{t('admin.state')}</th>
              <th scope="col">{t('admin.orgStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {organizations.map((o) => (
              <tr key={o.id}>
                <td className="nowrap">
                  <button
                    type="button"
                    className="org-edit-link"
                    ref={(el) => void (el ? editButtons.current.set(o.id, el) : editButtons.current.delete(o.id))}
                    aria-label={t('admin.editOrganizationNamed', { acronym: o.acronym })}
                    aria-expanded={editingId === o.id}
                    onClick={() => setEditingId(o.id)}
                  >
                    {o.acronym}
                  </button>
                </td>
                <td data-label={t('org.name')}>{o.name}</td>
                <td data-label={t('org.level')}>{t(`levels.${o.level}`)}</td>
                <td data-label={t('admin.state')}>{o.stateCode ? stateName(o.stateCode) : '—'}</td>
                <td className="nowrap" data-label={t('admin.orgStatus')}>
                  {o.active === false ? <span className="tag tag-warning">{t('admin.deactivatedTag')}</span> : <span className="muted">{t('admin.orgActive')}</span>}{' '}
                  <OrganizationActivationButton
                    organization={o}
                    onChanged={(now, confirmation) => {
                      status.say(now.id, confirmation);
                      onActivation(now);
                    }}
                  />
                  <FormStatus text={status.textFor(o.id)} testId="row-status" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <OrganizationEditForm
          // A fresh draft for each organization opened.
          key={editing.id}
          organization={editing}
          onCancel={() => close(editing.id)}
          onSaved={(o) => {
            close(o.id);
            status.say(o.id, t('admin.organizationUpdated', { acronym: o.acronym }));
            onUpdated(o);
          }}
        />
      )}
    </>
  );
}
