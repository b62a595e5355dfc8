/** The new comment's cell: the whole activity or one of its fields (the table's columns), and the line saying what it is about. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KEYS } from '../../../shared/planModel.js';

/** The fields a comment may be about: the table's columns (`id` has none). */
const FIELDS = ACTIVITY_KEYS.filter((k) => k !== 'id');

interface SelectProps {
  value: string;
  onChange: (field: string) => void;
  ref?: Ref<HTMLSelectElement>;
}

/** A select of the activity's fields, "the whole activity" first. */
export function ActivityFieldSelect({ value, onChange, ref }: SelectProps) {
  const { t } = useTranslation();
  return (
    <label className="small">
      <span className="visually-hidden">{t('comments.aboutField')}</span>
      <select ref={ref} value={value} data-testid="comment-field-select" onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('comments.wholeActivity')}</option>
        {FIELDS.map((k) => (
          <option key={k} value={k}>
            {t(`activities.fields.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface AboutProps {
  id: string;
  /** The activity's title as the plan holds it; undefined when the plan no longer has it. */
  title: string | undefined;
  field: string;
  onClear: () => void;
}

/** «Sobre: «Título» · Fecha de término», with a way back to a general comment; the composer's box is described by it. */
export function DraftActivityAbout({ id, title, field, onClear }: AboutProps) {
  const { t } = useTranslation();
  const name = title?.trim() || t('comments.untitledActivity');
  const about =
    title === undefined ? t('comments.aboutRemovedActivity') : field ? t('comments.aboutCell', { activity: name, field: t(`activities.fields.${field}`) }) : t('comments.aboutWholeActivity', { activity: name });
  return (
    <p className="comment-draft-anchor small" data-testid="comment-draft-about">
      <span id={id}>{about}</span>{' '}
      <button type="button" className="btn btn-ghost btn-small" onClick={onClear}>
        {t('comments.clearAnchor')}
      </button>
    </p>
  );
}
