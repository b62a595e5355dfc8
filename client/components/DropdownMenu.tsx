/** A disclosure menu (`<details class="menu">`) that also closes with Escape, a press outside it, or Tab away. */
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  /** The button's content. */
  label: ReactNode;
  /** The menu's items (`<li>` elements). */
  children: ReactNode;
}

/** Closes the menu `item` is in and puts focus on the menu's button: the item hides with the menu, and focus would fall to the page's top. */
export function closeMenuFrom(item: HTMLElement): void {
  const menu = item.closest('details');
  menu?.querySelector('summary')?.focus();
  menu?.removeAttribute('open');
}

/** The button is the `<summary>`, so Enter/Space open and close it natively; Escape and the arrow keys are added here. */
export function DropdownMenu({ label, children }: Props) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);

  // A menu left open after a click elsewhere covered the page, and a keyboard user could not close it without
  // going back to its button.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const details = ref.current;
      if (details && e.target instanceof Node && !details.contains(e.target)) details.open = false;
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    const details = ref.current;
    if (!details?.open) return;
    // Arrow keys (and Home, End) move between the items as well as Tab does: what people try first in a menu.
    if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
      const items = [...details.querySelectorAll<HTMLElement>('.menu-list a[href], .menu-list button:not([disabled])')];
      if (!items.length) return;
      e.preventDefault();
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? (at + 1) % items.length : at <= 0 ? items.length - 1 : at - 1;
      items[next]?.focus();
      return;
    }
    if (e.key !== 'Escape') return;
    // Handled here: an Escape that closes the menu must not also close a dialog or panel around it.
    e.preventDefault();
    e.stopPropagation();
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  // Focus gone elsewhere in the page (Tab past the last item): closed, focus stays where it went.
  const onBlur = (e: FocusEvent<HTMLDetailsElement>) => {
    const details = ref.current;
    if (details?.open && e.relatedTarget instanceof Node && !details.contains(e.relatedTarget)) details.open = false;
  };
  return (
    <details className="menu" ref={ref} onKeyDown={onKeyDown} onBlur={onBlur} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="btn btn-secondary btn-small">{label}</summary>
      <ul className="menu-list">{children}</ul>
    </details>
  );
}
