/**
 * What an import changes in activities the plan already has, listed before it is applied: updating a plan's rows
 * from a spreadsheet should never be a surprise in a meeting.
 */
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../shared/activityImportApply.js';
import type { ImportField } from '../../shared/activityImportColumns.js';
import { municipalityName, stateName } from '../../shared/municipalities.js';
import type { Activity } from '../../shared/planModel.js';
import { useFormat } from '../lib/format.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

/** Updates listed at most; the rest are counted. */
const UPDATES_SHOWN = 50;
const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

interface Props {
  updates: ImportPlan['updated'];
  /** The plan's activities as the import read them, by id. */
  current: ReadonlyMap<string, Activity>;
  /** "Row 5" for a workbook, "Line 5" for text. */
  lineLabel: (line: number) => string;
}

/** A collapsed list of the activities an import updates, each with its fields' old and new values. */
export function ImportUpdates({ updates, current, lineLabel }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const orgs = useOrganizations();
  if (!updates.length) return null;

  const valueText = (field: ImportField, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
    const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    switch (field) {
      case 'leadOrganizationId':
        return orgs.label(String(value));
      case 'partnerOrganizationIds':
        return fmt.list(list.map((id) => orgs.label(id)));
      case 'mandateArea':
        return t(`mandateAreas.${String(value)}`);
      case 'status':
        return t(`activityStatus.${String(value)}`);
      case 'stateCodes':
        return fmt.list(list.map(stateName));
      case 'municipalityCodes':
        return fmt.list(list.map((code) => municipalityName(code) ?? code));
      case 'startDate':
      case 'endDate':
        return fmt.date(String(value));
      default:
        return clip(String(value).replace(/\s+/g, ' '));
    }
  };

  return (
    <details className="activity-import-updates" data-testid="activity-import-updates">
      <summary>{t('activities.import.showUpdates', { count: updates.length, n: fmt.number(updates.length) })}</summary>
      <ul className="notice-details">
        {updates.slice(0, UPDATES_SHOWN).map(({ id, line, changes }) => {
          const before = current.get(id);
          const fields = Object.keys(changes) as ImportField[];
          return (
            <li key={id}>
              {lineLabel(line)} · <strong>{clip(before?.title ?? id)}</strong> —{' '}
              {fields.map((field) => `${t(`activities.fields.${field}`)}: ${valueText(field, before?.[field])} → ${valueText(field, changes[field])}`).join('; ')}
            </li>
          );
        })}
      </ul>
      {updates.length > UPDATES_SHOWN && <p>{t('activities.import.moreProblems', { count: updates.length - UPDATES_SHOWN, n: fmt.number(updates.length - UPDATES_SHOWN) })}</p>}
    </details>
  );
}
