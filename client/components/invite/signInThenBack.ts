/** The sign-in page's address that comes back to invitation `token` after signing in. */
export const signInThenBack = (token: string): string => `/login?next=${encodeURIComponent(`/invite/${token}`)}`;
