/** Small stroke icons for the editor toolbar and the activities table (inline SVG: no icon font, no emoji dependency). */
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const UndoIcon = () => (
  <Svg>
    <path d="M9 14 4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Svg>
);
export const RedoIcon = () => (
  <Svg>
    <path d="m15 14 5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Svg>
);
export const LinkIcon = () => (
  <Svg>
    <path d="M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71" />
    <path d="M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71" />
  </Svg>
);
export const BulletListIcon = () => (
  <Svg>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <circle cx="4" cy="6" r="1" fill="currentColor" />
    <circle cx="4" cy="12" r="1" fill="currentColor" />
    <circle cx="4" cy="18" r="1" fill="currentColor" />
  </Svg>
);
export const OrderedListIcon = () => (
  <Svg>
    <path d="M10 6h10M10 12h10M10 18h10" />
    <path d="M4 4v4M3 20h3l-3-3.5a1.5 1.5 0 1 1 3-1" strokeWidth="1.6" />
  </Svg>
);
export const TableIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M3 15h18M9 4v16M15 4v16" />
  </Svg>
);
export const RowAddIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="8" rx="1.5" />
    <path d="M12 15v6M9 18h6" />
  </Svg>
);
export const ColumnAddIcon = () => (
  <Svg>
    <rect x="4" y="3" width="8" height="18" rx="1.5" />
    <path d="M15 12h6M18 9v6" />
  </Svg>
);
export const RowDeleteIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="8" rx="1.5" />
    <path d="M9 18h6" />
  </Svg>
);
export const ColumnDeleteIcon = () => (
  <Svg>
    <rect x="4" y="3" width="8" height="18" rx="1.5" />
    <path d="M15 12h6" />
  </Svg>
);
export const TableDeleteIcon = () => (
  <Svg>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="m9 9 6 6M15 9l-6 6" />
  </Svg>
);
export const CommentIcon = () => (
  <Svg>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z" />
  </Svg>
);
export const CommentAddIcon = () => (
  <Svg>
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z" />
    <path d="M13 9v6M10 12h6" />
  </Svg>
);
