/** The margin's choice of what a new comment is about: the plan in general or one of its activities. */
import type { TFunction } from 'i18next';
import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { activityLabel } from './activityLabel.js';

interface Props {
  /** Activity id → title, as the live plan holds them. */
  titles: ReadonlyMap<string, string>;
  value: string;
  onChange: (activityId: string) => void;
}

/**
 * Past this many activities the options are in the page only while the select is reached (focus or pointer), the
 * chosen one always: a 20,000-activity plan otherwise built 20,000 options while it opened, kept them in every style
 * and layout pass, and re-rendered them for each keystroke in a title.
 */
const LAZY_OPTIONS_MIN = 501;

/**
 * A select of the plan's activities. Typing in a title changes the list, and translating hundreds of labels per
 * keystroke showed in typing latency: each title's label is translated once and reused while the language stands.
 */
export const ActivityTargetSelect = memo(function ActivityTargetSelect({ titles, value, onChange }: Props) {
  const { t } = useTranslation();
  const [reached, setReached] = useState(false);
  const cache = useRef<{ t: TFunction; labels: Map<string, string> } | null>(null);
  // Dropped when the language changes, and when typing has left it much larger than the list.
  if (!cache.current || cache.current.t !== t || cache.current.labels.size > 2 * titles.size + 50) cache.current = { t, labels: new Map() };
  const { labels } = cache.current;
  const label = (title: string) => {
    let text = labels.get(title);
    if (text === undefined) labels.set(title, (text = activityLabel(t, title)));
    return text;
  };
  return (
    <label className="small">
      <span className="visually-hidden">{t('comments.aboutActivity')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} onFocus={() => setReached(true)} onPointerDown={() => setReached(true)} onBlur={() => setReached(false)}>
        <option value="">{t('comments.general')}</option>
        {reached || titles.size < LAZY_OPTIONS_MIN
          ? [...titles].map(([id, title]) => (
              <option key={id} value={id}>
                {label(title)}
              </option>
            ))
          : titles.has(value) && (
              <option key={value} value={value}>
                {label(titles.get(value)!)}
              </option>
            )}
      </select>
    </label>
  );
});
