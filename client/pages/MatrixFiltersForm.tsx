/** The matrix filters (area, state and municipality, organization, level, status, dates) and the download links. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES, MANDATE_AREAS, ORGANIZATION_LEVELS, STATES } from '../../shared/constants.js';
import { municipalitiesIn } from '../../shared/municipalities.js';
import { matrixCsvUrl, matrixXlsxUrl, type MatrixFilters } from '../api/matrix.js';
import { DownloadLink } from '../components/DownloadLink.js';
import { useOrganizations } from '../session/OrganizationsContext.js';

interface Props {
  filters: MatrixFilters;
  onChange: (key: keyof MatrixFilters, value: string) => void;
  onClear: () => void;
}

/** A labelled select whose first option means "no filter". */
function FilterSelect({ id, label, all, value, options, onChange }: { id: string; label: string; all: string; value: string; options: Array<[string, string]>; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters live in the URL (the parent owns them), so a filtered view can be shared as a link. */
export function MatrixFiltersForm({ filters, onChange, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const { list } = useOrganizations();
  const lang = i18n.language.startsWith('en') ? 'en' : 'es';
  const any = Object.values(filters).some(Boolean);
  // Offered once a state is chosen (a state has up to 570); a link naming only a municipality shows its state's.
  const municipalityState = filters.stateCode || filters.municipalityCode?.slice(0, 2);
  // A range that ends before it starts holds nothing: said where the dates are, not left as an empty matrix.
  const reversed = !!filters.from && !!filters.to && filters.to < filters.from;
  // On a phone the filters fold behind one button (they filled the first screen before any result); wider, the
  // button is not shown and they always are. A reversed range opens them: its error is said where the dates are.
  const [unfolded, setUnfolded] = useState(false);
  const active = Object.values(filters).filter(Boolean).length;
  const open = unfolded || reversed;
  return (
    <form className={`card filters matrix-filters${open ? ' matrix-filters-open' : ''}`} role="search" aria-label={t('matrix.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="matrix-filters-bar">
        <button
          type="button"
          className="btn btn-secondary matrix-filters-toggle"
          aria-expanded={open}
          aria-controls={`${uid}-fields`}
          onClick={() => setUnfolded(!open)}
          data-testid="matrix-filters-toggle"
        >
          {active ? t('matrix.filtersToggleActive', { count: active }) : t('matrix.filtersToggle')}
        </button>
        {active > 0 && !open && (
          <button type="button" className="btn btn-ghost" onClick={onClear}>
            {t('matrix.clear')}
          </button>
        )}
      </div>
      <div className="matrix-filter-fields" id={`${uid}-fields`}>
        <FilterSelect
          id={`${uid}-area`}
          label={t('activities.fields.mandateArea')}
          all={t('matrix.allAreas')}
          value={filters.mandateArea ?? ''}
          options={MANDATE_AREAS.map((a) => [a, t(`mandateAreas.${a}`)])}
          onChange={(v) => onChange('mandateArea', v)}
        />
        <FilterSelect id={`${uid}-state`} label={t('matrix.state')} all={t('matrix.allStates')} value={filters.stateCode ?? ''} options={STATES.map((s) => [s.code, s.name])} onChange={(v) => onChange('stateCode', v)} />
        {municipalityState && (
          <FilterSelect
            id={`${uid}-municipality`}
            label={t('matrix.municipality')}
            all={t('matrix.allMunicipalities')}
            value={filters.municipalityCode ?? ''}
            options={municipalitiesIn([municipalityState]).map((m) => [m.code, m.name])}
            onChange={(v) => onChange('municipalityCode', v)}
          />
        )}
        <FilterSelect
          id={`${uid}-org`}
          label={t('matrix.organization')}
          all={t('matrix.allOrganizations')}
          value={filters.organizationId ?? ''}
          // A deactivated agency may still lead activities, so it stays a filter, marked as the plan's pickers mark it.
          options={list.map((o) => [o.id, o.active === false ? `${o.acronym} · ${o.name} (${t('org.inactive')})` : `${o.acronym} · ${o.name}`])}
          onChange={(v) => onChange('organizationId', v)}
        />
        <FilterSelect id={`${uid}-level`} label={t('matrix.level')} all={t('matrix.allLevels')} value={filters.level ?? ''} options={ORGANIZATION_LEVELS.map((l) => [l, t(`levels.${l}`)])} onChange={(v) => onChange('level', v)} />
        <FilterSelect
          id={`${uid}-status`}
          label={t('matrix.status')}
          all={t('matrix.allStatuses')}
          value={filters.status ?? ''}
          options={ACTIVITY_STATUSES.map((s) => [s, t(`activityStatus.${s}`)])}
          onChange={(v) => onChange('status', v)}
        />
        {/* The range's two ends wrap together: «Hasta» never stands alone on a line of its own. */}
        <div className="matrix-date-range">
          <div className="field field-narrow">
            <label htmlFor={`${uid}-from`}>{t('matrix.from')}</label>
            <input id={`${uid}-from`} type="date" value={filters.from ?? ''} max={filters.to || undefined} onChange={(e) => onChange('from', e.target.value)} />
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${uid}-to`}>{t('matrix.to')}</label>
            <input
              id={`${uid}-to`}
              type="date"
              value={filters.to ?? ''}
              min={filters.from || undefined}
              aria-invalid={reversed}
              aria-describedby={reversed ? `${uid}-reversed` : undefined}
              onChange={(e) => onChange('to', e.target.value)}
            />
          </div>
        </div>
        {reversed && (
          <p id={`${uid}-reversed`} className="field-error filters-note" role="alert" data-testid="matrix-range-reversed">
            {t('matrix.rangeReversed')}
          </p>
        )}
        {(filters.from || filters.to) && !reversed && (
          // Undated activities may happen any time, so a range keeps them (as overlap detection does): said, not a surprise.
          <p className="filters-note muted small" data-testid="matrix-undated-note">
            {t('matrix.undatedKept')}
          </p>
        )}
        <div className="matrix-filter-actions">
          <button type="button" className="btn btn-ghost" onClick={onClear} disabled={!any}>
            {t('matrix.clear')}
          </button>
          <DownloadLink className="btn btn-secondary" href={matrixCsvUrl(filters, lang)} label={t('matrix.csv')} />
          <DownloadLink className="btn btn-secondary" href={matrixXlsxUrl(filters, lang)} label={t('matrix.xlsx')} />
        </div>
      </div>
    </form>
  );
}
