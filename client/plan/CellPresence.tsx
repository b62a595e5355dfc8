/**
 * Who is in which cell of the activities table. The prose has carets; the table had only the avatars at the top, so two
 * people could work on the same row without knowing. A focused cell is shared through the plan's awareness
 * (`cell: {activityId, field}`, next to the caret's `user`), and the others' cells are drawn by one generated style
 * sheet (an outline in the person's colour and a name tag): no row re-renders when someone moves between cells.
 */
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { ACTIVITY_KEYS } from '../../shared/planModel.js';
import { organizationColor } from '../lib/colors.js';
import './cellPresence.css';

type CellState = { activityId: string; field: string };
const FIELDS = new Set<string>(ACTIVITY_KEYS);
const ROW = '[data-testid="activity-row"]';

/** The activity row and field of a focused element of the table, or null. */
function cellOf(target: EventTarget | null): CellState | null {
  if (!(target instanceof HTMLElement)) return null;
  const row = target.closest<HTMLElement>(ROW);
  const field = target.closest<HTMLElement>('[data-field]')?.dataset.field;
  const activityId = row?.dataset.activityId;
  return activityId && field && FIELDS.has(field) ? { activityId, field } : null;
}

/** Shares this tab's focused cell while it is in one (a blur to outside the table clears it). */
function useShareFocusedCell(provider: WebsocketProvider): void {
  useEffect(() => {
    let current: CellState | null = null;
    const share = (next: CellState | null) => {
      if (current?.activityId === next?.activityId && current?.field === next?.field) return;
      current = next;
      provider.awareness.setLocalStateField('cell', next);
    };
    const onFocusIn = (e: FocusEvent) => share(cellOf(e.target));
    const onFocusOut = (e: FocusEvent) => share(cellOf(e.relatedTarget));
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      if (current) provider.awareness.setLocalStateField('cell', null);
    };
  }, [provider]);
}

/** A CSS string literal of `text` (quotes, backslashes and line breaks escaped: a name cannot end the rule). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

/** The style sheet that marks the other people's cells. */
function presenceCss(provider: WebsocketProvider): string {
  const rules: string[] = [];
  for (const [clientId, state] of provider.awareness.getStates()) {
    if (clientId === provider.awareness.clientID) continue;
    const { cell, user } = state as { cell?: Partial<CellState> | null; user?: Record<string, unknown> };
    if (!cell || typeof cell.activityId !== 'string' || typeof cell.field !== 'string' || !FIELDS.has(cell.field) || !user) continue;
    const name = typeof user.name === 'string' ? user.name : '';
    const acronym = typeof user.acronym === 'string' && user.acronym ? ` · ${user.acronym}` : '';
    const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.color) ? user.color : organizationColor(typeof user.organizationId === 'string' ? user.organizationId : null);
    const row = `${ROW}[data-activity-id="${CSS.escape(cell.activityId)}"]`;
    // The field is outlined (cells of the collapsed-border table paint no box-shadow); its cell carries the name.
    rules.push(
      `${row} [data-field="${cell.field}"] { outline: 2px solid ${color}; outline-offset: -1px; }`,
      `${row} > :is(td, th):has([data-field="${cell.field}"])::before { content: ${cssString(name + acronym)}; background: ${color}; }`,
    );
  }
  return rules.join('\n');
}

/** Marks the cells others are in, and shares the one this tab is in. */
export function CellPresence({ provider }: { provider: WebsocketProvider }) {
  useShareFocusedCell(provider);
  const [css, setCss] = useState(() => presenceCss(provider));
  useEffect(() => {
    // Awareness changes with every caret move in the prose: the sheet is replaced only when it says something new.
    const update = () => setCss(presenceCss(provider));
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider]);
  return css ? <style data-testid="cell-presence">{css}</style> : null;
}
