/** Whether a sideways-scrolling box has content hidden to its left or right, kept current on scroll and resize. */
import { useEffect, useState, type RefObject } from 'react';

export interface HorizontalOverflow {
  /** Content lies hidden to the left (the box has been scrolled). */
  start: boolean;
  /** Content lies hidden to the right. */
  end: boolean;
}

const NONE: HorizontalOverflow = { start: false, end: false };

/** Watches `ref`'s scroll position and size, and its first child's size (a table that gains rows or columns). */
export function useHorizontalOverflow(ref: RefObject<HTMLElement | null>): HorizontalOverflow {
  const [overflow, setOverflow] = useState<HorizontalOverflow>(NONE);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const hidden = el.scrollWidth - el.clientWidth;
      // A pixel of slack: zoom and fractional widths round scrollWidth and clientWidth differently.
      const next = { start: el.scrollLeft > 1, end: el.scrollLeft < hidden - 1 };
      setOverflow((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
    };
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resizes = new ResizeObserver(measure);
    resizes.observe(el);
    if (el.firstElementChild) resizes.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', measure);
      resizes.disconnect();
    };
  }, [ref]);
  return overflow;
}
