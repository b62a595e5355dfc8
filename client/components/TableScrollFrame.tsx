/**
 * A wide table's sideways-scrolling box, with the edge shadow and the "scroll sideways" hint the plan's activities
 * table has, for tables whose columns outgrow a laptop's page (the matrix: its status and dates hid past the edge).
 */
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHorizontalOverflow } from '../plan/useHorizontalOverflow.js';

interface Props {
  /** The region's accessible name. */
  label: string;
  /** Prefix of the test ids: `<testId>-scroll` on the box, `<testId>-overflow-hint` on the hint. */
  testId: string;
  children: ReactNode;
}

/** Mount it with its table: the overflow is watched from mount on. */
export function TableScrollFrame({ label, testId, children }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const overflow = useHorizontalOverflow(scroller);
  return (
    <>
      {(overflow.start || overflow.end) && (
        <p className="scroll-hint" data-testid={`${testId}-overflow-hint`}>
          {t('activities.scrollHint')} <span aria-hidden="true">⇆</span>
        </p>
      )}
      <div className="table-scroll-frame" data-overflow-start={overflow.start} data-overflow-end={overflow.end}>
        <div ref={scroller} className="table-wrap" data-testid={`${testId}-scroll`} role="region" aria-label={label} tabIndex={0}>
          {children}
        </div>
      </div>
    </>
  );
}
