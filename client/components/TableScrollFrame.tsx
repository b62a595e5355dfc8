/**
 * A wide table's sideways-scrolling box, with the edge shadow and the "scroll sideways" hint, for tables whose columns
 * outgrow a laptop's page (the plan's activities, the matrix: its status and dates hid past the edge).
 */
import { useRef, type KeyboardEventHandler, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useHorizontalOverflow } from '../plan/useHorizontalOverflow.js';

interface Props {
  /** The region's accessible name. */
  label: string;
  /** Prefix of the test ids: `<testId>-frame`, `<testId>-scroll` on the box, `<testId>-overflow-hint` on the hint. */
  testId: string;
  /** The scrolling box, for a table that reads it itself (the activities table's row window); one is made if absent. */
  scroller?: RefObject<HTMLDivElement | null>;
  /** Classes added to the scrolling box's `table-wrap`. */
  scrollClassName?: string;
  onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  children: ReactNode;
}

/** Mount it with its table: the overflow is watched from mount on. */
export function TableScrollFrame({ label, testId, scroller: given, scrollClassName, onKeyDown, children }: Props) {
  const { t } = useTranslation();
  const own = useRef<HTMLDivElement>(null);
  const scroller = given ?? own;
  const overflow = useHorizontalOverflow(scroller);
  return (
    <>
      {(overflow.start || overflow.end) && (
        <p className="scroll-hint" data-testid={`${testId}-overflow-hint`}>
          {t('activities.scrollHint')} <span aria-hidden="true">⇆</span>
        </p>
      )}
      {/* The frame draws the edge shadows over the scroller; the scroller alone scrolls, never the page. */}
      <div className="table-scroll-frame" data-testid={`${testId}-frame`} data-overflow-start={overflow.start} data-overflow-end={overflow.end}>
        <div
          ref={scroller}
          className={scrollClassName ? `table-wrap ${scrollClassName}` : 'table-wrap'}
          data-testid={`${testId}-scroll`}
          role="region"
          aria-label={label}
          tabIndex={0}
          onKeyDown={onKeyDown}
        >
          {children}
        </div>
      </div>
    </>
  );
}
