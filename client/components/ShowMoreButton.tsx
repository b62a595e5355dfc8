/** "Mostrar más (N restantes)": long lists render a readable first part and grow on request. */
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../lib/format.js';

interface Props {
  shown: number;
  total: number;
  fmt: Formatters;
  onMore: () => void;
  /** The list's element, whose children are the items: focus moves into the first new one (the button may go away). */
  list: RefObject<HTMLElement | null>;
  testId?: string;
}

/** The button under a list cut at `shown` of `total` items; nothing when all are shown. */
export function ShowMoreButton({ shown, total, fmt, onMore, list, testId }: Props) {
  const { t } = useTranslation();
  const rest = total - shown;
  if (rest <= 0) return null;
  const more = () => {
    onMore();
    // A click's update is committed before the next frame.
    requestAnimationFrame(() => list.current?.children[shown]?.querySelector<HTMLElement>('a, button, select, input')?.focus());
  };
  return (
    <p className="show-more">
      <button type="button" className="btn btn-secondary btn-small" onClick={more} data-testid={testId}>
        {t('matrix.showMore', { count: rest, formatted: fmt.number(rest) })}
      </button>
    </p>
  );
}
