/**
 * A short plain-text excerpt of a comment for the inbox: mentions read as `@Name` (never `@{userId}`), links as
 * their text, code and bold markers dropped, whitespace collapsed, cut at about `max` characters on a word.
 */

/** Characters an excerpt holds at most before its ellipsis. */
export const EXCERPT_LENGTH = 140;

const USER_TOKEN = /@\{([A-Za-z0-9_-]{1,100})\}|@\[([^\]\n]{0,200})\]\(([A-Za-z0-9_-]{1,100})\)/g;
// As in mentions.ts: not after a word character, `.` or `@` (e-mail addresses stay as written).
const HANDLE_TOKEN = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}][\p{L}\p{N}_.&-]{0,39})/gu;

/** The user ids a body names (`@{id}`, `@[label](id)`, or a bare `@id`), for looking up their names. */
export function mentionedIds(body: string): string[] {
  const ids = new Set<string>();
  for (const m of body.matchAll(USER_TOKEN)) ids.add(m[1] ?? m[3]);
  for (const m of body.replace(USER_TOKEN, ' ').matchAll(HANDLE_TOKEN)) ids.add(m[1]);
  return [...ids];
}

/**
 * The excerpt of `body`; `nameOf` names the members of the comment's working group. A person it cannot name
 * (no longer a member) shows as the label written, or `@?`; an organization's `@ACRONYM` stays as written.
 */
export function commentExcerpt(body: string, nameOf: (userId: string) => string | undefined, max = EXCERPT_LENGTH): string {
  const text = body
    .replace(USER_TOKEN, (_whole, id: string | undefined, label: string | undefined, labelledId: string | undefined) =>
      id !== undefined ? `@${nameOf(id) ?? '?'}` : `@${nameOf(labelledId ?? '') ?? label ?? '?'}`,
    )
    .replace(HANDLE_TOKEN, (whole, handle: string) => {
      const name = nameOf(handle);
      return name ? `@${name}` : whole;
    })
    .replace(/\[([^\]\n]{1,500})\]\((?:https?:|mailto:)[^)\s]{1,2000}\)/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max).join('');
  // End on a word when one ends near the limit, not in the middle of one.
  const space = cut.lastIndexOf(' ');
  if (space >= max * 0.7) cut = cut.slice(0, space);
  return `${cut.replace(/[\s.,;:!?¡¿—–-]+$/u, '')}…`;
}
