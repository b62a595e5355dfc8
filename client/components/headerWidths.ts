/**
 * Where the header's parts give way so it keeps one row between a phone (≤ 640 px, its own three rows) and a wide
 * screen. appHeader.css folds the account's name to initials (≤ 1,200 px) and the brand to its mark (≤ 800 px).
 */

/** The search field folds to a button that opens it under the header. */
export const SEARCH_AS_BUTTON = '(min-width: 641px) and (max-width: 1024px)';

/** The language switch and «Cerrar sesión» move into the account menu. */
export const TOOLS_IN_ACCOUNT_MENU = '(min-width: 641px) and (max-width: 960px)';
