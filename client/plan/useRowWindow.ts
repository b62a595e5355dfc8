/**
 * Which rows of a very big table to put in the page: those in and near its scrolling frame's view, the row with the
 * focus, and rows asked for (a link, a reveal); spacer rows of the same height stand in for the others. Mounted whole,
 * in slices that each laid the whole table out again, a 2,000-activity plan showed its last row after 20 s and a
 * 5,000-activity one after 96 s, with 275,000 elements in the page and ten keystrokes taking 10 s. Row heights are measured as rows show (the rest are estimated from the measured mean), so the
 * scrollbar keeps its proportions; the browser's scroll anchoring keeps the view still when an estimate is corrected.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { planRowWindow, type WindowEntry } from './rowWindowPlan.js';

export type { WindowEntry };

/**
 * From this many rows a table shows only its window; smaller ones mount whole. Tables this big have a search of their
 * own over every row (the browser's find reaches only rows in the page). Mounted whole, 300 rows put ~17,000 elements
 * in the page: clearing a search held it ~3 s and each wheel step laid them all out again.
 */
export const WINDOWED_MIN_ROWS = 101;
/** Rows this far (in pixels) above and below the view are in the page too, so scrolling and tabbing find them ready. */
const OVERSCAN_PX = 800;
/** A row's height until one has been measured. */
const ESTIMATED_ROW_PX = 48;
/** Never more rows than this in the window, whatever the frame's height or the estimates. */
const MAX_WINDOW_ROWS = 150;

export interface RowWindow {
  /** The body's entries; null when the table is not windowed (it shows every row). */
  entries: WindowEntry[] | null;
  /** Brings row `index` into the frame and the page; `then` gets its element once it is there. */
  reveal(index: number, then?: (row: HTMLElement) => void): void;
}

interface Options {
  /** Whether to window at all. */
  enabled: boolean;
  /** Each row's stable key (its activity id), in table order. */
  keys: readonly string[];
  /** The frame that scrolls the table up and down. */
  scroller: RefObject<HTMLElement | null>;
  /** The table body whose children are the entries. */
  body: RefObject<HTMLTableSectionElement | null>;
  /** Rows that must be in the page whatever the scroll (a linked row); -1 for none. */
  keep?: number;
}

interface View {
  top: number;
  height: number;
}

/** Windows a table body when `enabled`; see the module comment. */
export function useRowWindow({ enabled, keys, scroller, body, keep = -1 }: Options): RowWindow {
  const heights = useRef(new Map<string, number>());
  const measuredSum = useRef(0);
  const [view, setView] = useState<View>({ top: 0, height: 900 });
  const [measures, setMeasures] = useState(0);
  const [focused, setFocused] = useState<string | null>(null);
  const [revealing, setRevealing] = useState<{ index: number; then?: (row: HTMLElement) => void } | null>(null);
  const bodyTop = useRef(0);
  const handed = useRef(false);
  const indexOf = useMemo(() => new Map(keys.map((k, i) => [k, i])), [keys]);

  const heightOf = useCallback(
    (key: string) => heights.current.get(key) ?? (heights.current.size ? measuredSum.current / heights.current.size : ESTIMATED_ROW_PX),
    [],
  );

  // Follow the frame's scroll and size, one reading per frame.
  useEffect(() => {
    const el = scroller.current;
    if (!enabled || !el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      // A row handed over by a reveal stays in the page until the view has moved to it.
      if (handed.current) {
        handed.current = false;
        setRevealing(null);
      }
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [enabled, scroller]);

  // The row holding the focus stays in the page while it is scrolled away: unmounting it would drop the focus (and
  // whatever the person was typing into it).
  useEffect(() => {
    const el = body.current;
    if (!enabled || !el) return;
    const onIn = (e: FocusEvent) => {
      const row = e.target instanceof Element ? e.target.closest<HTMLElement>('tr[data-row-key]') : null;
      setFocused(row?.dataset.rowKey ?? null);
    };
    const onOut = (e: FocusEvent) => {
      if (!(e.relatedTarget instanceof Node) || !el.contains(e.relatedTarget)) setFocused(null);
    };
    el.addEventListener('focusin', onIn);
    el.addEventListener('focusout', onOut);
    return () => {
      el.removeEventListener('focusin', onIn);
      el.removeEventListener('focusout', onOut);
    };
  }, [enabled, body]);

  const entries = useMemo(() => {
    if (!enabled) return null;
    void measures; // a new measurement changes the spacers' heights
    const top = view.top - bodyTop.current;
    return planRowWindow({
      count: keys.length,
      heightOf: (i) => heightOf(keys[i]),
      top: top - OVERSCAN_PX,
      bottom: top + view.height + OVERSCAN_PX,
      maxRows: MAX_WINDOW_ROWS,
      keep: [keep, revealing?.index ?? -1, focused === null ? -1 : (indexOf.get(focused) ?? -1)],
    });
  }, [enabled, keys, view, measures, keep, revealing, focused, indexOf, heightOf]);

  // Measure what is in the page; a height that differs from its estimate redraws the spacers once.
  useLayoutEffect(() => {
    const el = body.current;
    const frame = scroller.current;
    if (!entries || !el || !frame) return;
    bodyTop.current = el.getBoundingClientRect().top - frame.getBoundingClientRect().top + frame.scrollTop;
    let changed = false;
    const children = el.children;
    entries.forEach((entry, k) => {
      const child = children[k];
      if (entry.type !== 'row' || !(child instanceof HTMLElement)) return;
      const key = keys[entry.index];
      const h = child.offsetHeight;
      const before = heights.current.get(key);
      if (before !== undefined && Math.abs(before - h) <= 1) return;
      measuredSum.current += h - (before ?? 0);
      heights.current.set(key, h);
      changed = true;
    });
    if (revealing) {
      const k = entries.findIndex((e) => e.type === 'row' && e.index === revealing.index);
      const child = children[k];
      if (child instanceof HTMLElement && !handed.current) {
        handed.current = true;
        revealing.then?.(child);
      }
    }
    if (changed) setMeasures((m) => m + 1);
  }, [entries, keys, body, scroller, revealing]);

  const reveal = useCallback(
    (index: number, then?: (row: HTMLElement) => void) => {
      const frame = scroller.current;
      // One past the end is a row just added that the keys of this render do not list yet.
      if (index < 0 || index > keys.length) return;
      if (!enabled || !frame) {
        const row = body.current?.querySelector<HTMLElement>(`tr[data-row-key="${CSS.escape(keys[index] ?? '')}"]`);
        if (row) then?.(row);
        return;
      }
      let offset = 0;
      for (let i = 0; i < index; i++) offset += heightOf(keys[i]);
      // Near the middle of the frame, so the window around it is in the page when the row is scrolled to exactly.
      frame.scrollTop = Math.max(0, bodyTop.current + offset - frame.clientHeight / 2);
      handed.current = false;
      setRevealing({ index, then });
    },
    [enabled, scroller, body, keys, heightOf],
  );

  return { entries, reveal };
}
