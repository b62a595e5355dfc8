/** One activity of the plan as a table row, editing the row's Y.Map field by field. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { ACTIVITY_STATUSES, MANDATE_AREAS, STATES } from '../../shared/constants.js';
import { readActivity, type ActivityKey } from '../../shared/planModel.js';
import { MultiSelect, type Option } from '../components/MultiSelect.js';
import { OrgBadge } from '../components/OrgBadge.js';
import { useFormat } from '../lib/format.js';
import { DateCell, MunicipalityCell, SelectCell, TextCell, writeField } from './activityCells.js';

interface Props {
  row: Y.Map<unknown>;
  index: number;
  editable: boolean;
  orgOptions: Option[];
  onRemove: (row: Y.Map<unknown>) => void;
  /** Changed since the reader's last visit: marked with a tag and a highlight, and focusable (the notice leads here). */
  changedSinceVisit?: boolean;
}

// The collapsed cell names the states ("Chiapas, Sonora"); the list keeps the INEGI code beside each name.
const stateOptions: Option[] = STATES.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}`, short: s.name }));

/** The row; read-only viewers see formatted values instead of inputs. */
export function ActivityRow({ row, index, editable, orgOptions, onRemove, changedSinceVisit = false }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [confirming, setConfirming] = useState(false);
  const a = readActivity(row);
  const n = index + 1;
  const base = `act-${a.id || index}`;
  const lbl = (key: string) => t('activities.cellLabel', { field: t(`activities.fields.${key}`), n });
  const set = (key: ActivityKey) => (v: string | string[], shown?: string) => writeField(row, key, v, shown);
  const rowProps = {
    'data-testid': 'activity-row',
    'data-activity-id': a.id,
    ...(changedSinceVisit ? { className: 'activity-changed', tabIndex: -1, 'data-changed-since-visit': 'true' } : {}),
  };
  // In words, not only a colour: read with the row's title.
  const changedTag = changedSinceVisit ? <span className="tag tag-changed">{t('activities.changedSinceVisit')}</span> : null;

  if (!editable) {
    return (
      <tr {...rowProps}>
        <td className="num sticky-col">{n}</td>
        <th scope="row" className="sticky-col col-title">
          {a.title || <span className="muted">{t('activities.untitled')}</span>}
          {changedTag}
        </th>
        <td>{a.description}</td>
        <td><OrgBadge id={a.leadOrganizationId} /></td>
        <td>{a.partnerOrganizationIds.map((id) => <OrgBadge key={id} id={id} />)}</td>
        <td>{a.mandateArea ? t(`mandateAreas.${a.mandateArea}`) : '—'}</td>
        <td>{a.stateCodes.map((c) => STATES.find((s) => s.code === c)?.name ?? c).join(', ') || '—'}</td>
        <td>{a.municipalityCodes.join(', ') || '—'}</td>
        <td>{fmt.date(a.startDate)}</td>
        <td>{fmt.date(a.endDate)}</td>
        <td><span className={`status status-${a.status}`}>{t(`activityStatus.${a.status}`)}</span></td>
        <td>{a.target}</td>
        <td>{a.indicator}</td>
      </tr>
    );
  }

  return (
    <tr {...rowProps}>
      <td className="num sticky-col">{n}</td>
      <td className="sticky-col col-title">
        <TextCell id={`${base}-title`} label={lbl('title')} field="title" value={a.title} onCommit={set('title')} showFullText />
        {changedTag}
      </td>
      <td>
        <TextCell id={`${base}-description`} label={lbl('description')} field="description" value={a.description} onCommit={set('description')} multiline />
      </td>
      <td>
        <SelectCell id={`${base}-lead`} label={lbl('leadOrganizationId')} field="leadOrganizationId" value={a.leadOrganizationId ?? ''} options={orgOptions} emptyLabel="—" onCommit={set('leadOrganizationId')} />
      </td>
      <td>
        <MultiSelect label={lbl('partnerOrganizationIds')} field="partnerOrganizationIds" options={orgOptions} value={a.partnerOrganizationIds} onChange={set('partnerOrganizationIds')} />
      </td>
      <td>
        <SelectCell
          id={`${base}-area`}
          label={lbl('mandateArea')}
          field="mandateArea"
          value={a.mandateArea ?? ''}
          options={MANDATE_AREAS.map((m) => ({ value: m, label: t(`mandateAreas.${m}`) }))}
          emptyLabel="—"
          onCommit={set('mandateArea')}
        />
      </td>
      <td>
        <MultiSelect label={lbl('stateCodes')} field="stateCodes" options={stateOptions} value={a.stateCodes} onChange={set('stateCodes')} />
      </td>
      <td>
        <MunicipalityCell id={`${base}-municipalities`} label={lbl('municipalityCodes')} value={a.municipalityCodes} onCommit={set('municipalityCodes')} />
      </td>
      <td>
        <DateCell id={`${base}-start`} label={lbl('startDate')} field="startDate" value={a.startDate ?? ''} max={a.endDate ?? undefined} onCommit={set('startDate')} />
      </td>
      <td>
        <DateCell
          id={`${base}-end`}
          label={lbl('endDate')}
          field="endDate"
          value={a.endDate ?? ''}
          min={a.startDate ?? undefined}
          error={a.startDate && a.endDate && a.endDate < a.startDate ? t('activities.endBeforeStart') : undefined}
          onCommit={set('endDate')}
        />
      </td>
      <td>
        <SelectCell
          id={`${base}-status`}
          label={lbl('status')}
          field="status"
          value={a.status}
          options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activityStatus.${s}`) }))}
          onCommit={set('status')}
        />
      </td>
      <td>
        <TextCell id={`${base}-target`} label={lbl('target')} field="target" value={a.target} onCommit={set('target')} showFullText />
      </td>
      <td>
        <TextCell id={`${base}-indicator`} label={lbl('indicator')} field="indicator" value={a.indicator} onCommit={set('indicator')} showFullText />
      </td>
      <td className="actions-cell">
        {confirming ? (
          <>
            <button type="button" className="btn btn-danger btn-small" data-testid="confirm-remove-activity" onClick={() => onRemove(row)}>
              {t('activities.confirmRemove')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-ghost btn-small" data-testid="remove-activity" aria-label={t('activities.removeNamed', { n })} onClick={() => setConfirming(true)}>
            {t('activities.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}
