/** A diff: prose with insertions and deletions highlighted, then the activity changes. */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../shared/planModel.js';
import { useFormat } from '../../lib/format.js';
import { ShowMoreButton } from '../ShowMoreButton.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import type { DiffRun, PlanDiff } from './api.js';
import { CODE, EM, LINK, MARKER, STRIKE, STRONG, URL, markdownRuns, pieceLines, type Piece } from './markdownRuns.js';
import { readableRuns } from './readableRuns.js';
import { activityFieldText } from './activityFieldText.js';
import { ActivityLink, useActivityLinks } from './ActivityLink.js';

/** Lines of unchanged text kept around each change; longer unchanged stretches are folded. */
const CONTEXT_LINES = 3;

type Place = 'first' | 'middle' | 'last' | 'only';

/** One piece of the prose with its look: the line's (heading, list item…) and its inline styles. */
function PieceView({ piece }: { piece: Piece }) {
  let node: ReactNode = piece.text;
  if (piece.flags & CODE) node = <code>{node}</code>;
  if (piece.flags & EM) node = <em>{node}</em>;
  if (piece.flags & STRONG) node = <strong>{node}</strong>;
  if (piece.flags & STRIKE) node = <s>{node}</s>;
  if (piece.flags & LINK) node = <span className="vh-link">{node}</span>;
  if (piece.flags & URL) node = <span className="vh-url">{node}</span>;
  if (piece.flags & MARKER) node = <span className="vh-marker">{node}</span>;
  return piece.line ? <span className={piece.line}>{node}</span> : <>{node}</>;
}

function Pieces({ pieces }: { pieces: Piece[] }) {
  return pieces.map((p, i) => <PieceView key={i} piece={p} />);
}

/** Lines of pieces, with their line breaks. */
function Lines({ lines }: { lines: Piece[][] }) {
  return lines.map((line, i) => (
    <span key={i}>
      {i > 0 && '\n'}
      <Pieces pieces={line} />
    </span>
  ));
}

function EqualRun({ pieces, place }: { pieces: Piece[]; place: Place }) {
  const { t } = useTranslation();
  const lines = pieceLines(pieces);
  // Keep the lines next to a change: the end of the first run, the start of the last, both ends in between.
  const head = place === 'middle' || place === 'last' ? CONTEXT_LINES : 0;
  const tail = place === 'middle' || place === 'first' ? CONTEXT_LINES : 0;
  if (place === 'only' || lines.length <= head + tail + 2) return <span><Lines lines={lines} /></span>;
  const hidden = lines.length - head - tail;
  return (
    <span>
      {head > 0 && (
        <>
          <Lines lines={lines.slice(0, head)} />
          {'\n'}
        </>
      )}
      <span className="vh-skip">{t('history.unchanged', { count: hidden })}</span>
      {tail > 0 && (
        <>
          {'\n'}
          <Lines lines={lines.slice(-tail)} />
        </>
      )}
    </span>
  );
}

/** An inserted or deleted run's content; a run that only added or removed formatting (a heading's "## ") says so. */
function ChangedRun({ pieces }: { pieces: Piece[] }) {
  const { t } = useTranslation();
  if (!pieces.length) return <span className="vh-format">{t('history.formatOnly')}</span>;
  return <Pieces pieces={pieces} />;
}

/** The prose diff is of the plan's Markdown: shown without its syntax, headings as headings, list items as such. */
function ProseDiff({ runs: exact }: { runs: DiffRun[] }) {
  const { t } = useTranslation();
  if (!exact.some((r) => r.op !== 'equal')) return <p className="muted">{t('history.noProseChanges')}</p>;
  const runs = markdownRuns(readableRuns(exact));
  return (
    <div className="vh-prose" data-testid="history-diff-body">
      {runs.map((r, i) =>
        r.op === 'insert' ? (
          <ins key={i} className="vh-ins">
            <span className="visually-hidden">{t('history.insertedMark')}</span>
            <ChangedRun pieces={r.pieces} />
          </ins>
        ) : r.op === 'delete' ? (
          <del key={i} className="vh-del">
            <span className="visually-hidden">{t('history.deletedMark')}</span>
            <ChangedRun pieces={r.pieces} />
          </del>
        ) : (
          <EqualRun key={i} pieces={r.pieces} place={runs.length === 1 ? 'only' : i === 0 ? 'first' : i === runs.length - 1 ? 'last' : 'middle'} />
        ),
      )}
    </div>
  );
}

/** Shows an activity field's value in words, as the activities table does (see activityFieldText). */
function useFieldValue() {
  const { t } = useTranslation();
  const { label } = useOrganizations();
  const fmt = useFormat();
  return (field: string, value: unknown): string => activityFieldText(field, value, { t, organization: label, date: fmt.date });
}

function titleOf(a: Activity | undefined, fallback: string): string {
  return a?.title || fallback;
}

/** Activity changes rendered at first and added per "show more": a paste of thousands of rows lists thousands of changes. */
const CHANGES_STEP = 200;

function ActivityChanges({ diff }: { diff: PlanDiff['activities'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const show = useFieldValue();
  const list = useRef<HTMLUListElement>(null);
  const links = useActivityLinks(diff);
  const [limit, setLimit] = useState({ diff, n: CHANGES_STEP });
  // Another comparison starts again from its first part.
  if (limit.diff !== diff) setLimit({ diff, n: CHANGES_STEP });
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  if (!total) return <p className="muted">{t('history.noActivityChanges')}</p>;
  // Built only for the entries on screen.
  // Keys carry the entry's place: a plan may hold two rows with one id.
  const entry = (i: number): ReactNode => {
    const key = i;
    if (i < diff.added.length) {
      const a = diff.added[i];
      return (
        <li key={`+${key}`} className="vh-added">
          <strong>{t('history.activityAdded')}</strong> <ActivityLink links={links} id={a.id} title={titleOf(a, t('activities.untitled'))} />
        </li>
      );
    }
    i -= diff.added.length;
    if (i < diff.removed.length) {
      const a = diff.removed[i];
      return (
        <li key={`-${key}`} className="vh-removed">
          <strong>{t('history.activityRemoved')}</strong> {titleOf(a, t('activities.untitled'))}
        </li>
      );
    }
    const c = diff.changed[i - diff.removed.length];
    return (
      <li key={`${key}.${c.id}.${c.field}`}>
        <strong>
          <ActivityLink links={links} id={c.id} field={c.field} title={c.title || t('activities.untitled')} />
        </strong>{' '}
        · {t(`activities.fields.${c.field}`, { defaultValue: c.field })}:{' '}
        <del className="vh-del">{show(c.field, c.from)}</del> → <ins className="vh-ins">{show(c.field, c.to)}</ins>
      </li>
    );
  };
  const shown = Math.min(limit.diff === diff ? limit.n : CHANGES_STEP, total);
  return (
    <>
      {total > CHANGES_STEP && (
        <p className="muted" data-testid="history-activity-summary">
          {t('history.activitySummary', { added: fmt.number(diff.added.length), removed: fmt.number(diff.removed.length), changed: fmt.number(diff.changed.length) })}
        </p>
      )}
      {links.gone && (
        <p className="notice notice-info notice-compact" role="status" data-testid="history-activity-gone">
          {t('history.activityGone', { title: links.gone })}
        </p>
      )}
      <ul className="vh-activity-changes" ref={list}>
        {Array.from({ length: shown }, (_, i) => entry(i))}
      </ul>
      <ShowMoreButton shown={shown} total={total} fmt={fmt} onMore={() => setLimit({ diff, n: shown + CHANGES_STEP })} list={list} testId="history-more-changes" />
    </>
  );
}

/** The whole diff: prose, then activities. */
export function DiffView({ diff }: { diff: PlanDiff }) {
  const { t } = useTranslation();
  return (
    <div className="vh-diff">
      <h4>{t('history.proseChanges')}</h4>
      <ProseDiff runs={diff.body} />
      <h4>{t('history.activityChanges')}</h4>
      <ActivityChanges diff={diff.activities} />
    </div>
  );
}
