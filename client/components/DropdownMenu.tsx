/** A disclosure menu (`<details class="menu">`) that also closes with Escape, returning focus to its button. */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  /** The button's content. */
  label: ReactNode;
  /** The menu's items (`<li>` elements). */
  children: ReactNode;
}

/** The button is the `<summary>`, so Enter/Space open and close it natively; Escape is added here. */
export function DropdownMenu({ label, children }: Props) {
  const ref = useRef<HTMLDetailsElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    const details = ref.current;
    if (e.key !== 'Escape' || !details?.open) return;
    // Handled here: an Escape that closes the menu must not also close a dialog or panel around it.
    e.preventDefault();
    e.stopPropagation();
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  return (
    <details className="menu" ref={ref} onKeyDown={onKeyDown}>
      <summary className="btn btn-secondary btn-small">{label}</summary>
      <ul className="menu-list">{children}</ul>
    </details>
  );
}
