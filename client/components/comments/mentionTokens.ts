/**
 * People mentioned in a comment box read as `@Name` while writing; the stored body names them as `@{userId}` (the
 * form comments render by name and the server notifies). The box keeps which label stands for whom.
 */

/** `@Name` labels in the box → the user each stands for. */
export type MentionLabels = Map<string, string>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label ends where a name cannot go on (so "@Ana" is not found inside "@Anabel"). */
const labelPattern = (label: string) => new RegExp(`${escape(label)}(?![\\p{L}\\p{N}_])`, 'gu');

/** The body as stored: each label still in the text becomes `@{userId}` (longer labels first: "@Ana María" before "@Ana"). */
export function toStoredBody(text: string, labels: MentionLabels): string {
  let out = text;
  for (const [label, userId] of [...labels].sort((a, b) => b[0].length - a[0].length)) out = out.replace(labelPattern(label), `@{${userId}}`);
  return out;
}

/** A stored body as the box shows it: `@{userId}` of known people as `@Name`, with the labels that stand for them. */
export function toDisplayBody(body: string, people: ReadonlyArray<{ userId: string; name: string }>): { text: string; labels: MentionLabels } {
  const labels: MentionLabels = new Map();
  const byId = new Map(people.map((p) => [p.userId, p.name]));
  const text = body.replace(/@\{([A-Za-z0-9_-]+)\}/g, (token, userId: string) => {
    const name = byId.get(userId);
    if (!name) return token;
    labels.set(`@${name}`, userId);
    return `@${name}`;
  });
  return { text, labels };
}

/**
 * When `after` is `before` with one closing punctuation mark typed just after a picked mention's own space (which ends
 * at `spaceEnd`), the text with the mark in that space's place, and the caret after it; otherwise null.
 */
export function closingPunctuation(before: string, after: string, spaceEnd: number | null): { text: string; caret: number } | null {
  if (spaceEnd === null || spaceEnd < 1 || before[spaceEnd - 1] !== ' ' || after.length !== before.length + 1) return null;
  const mark = after[spaceEnd];
  if (!/^[.,;:!?)\]»”…]$/u.test(mark) || after.slice(0, spaceEnd) !== before.slice(0, spaceEnd) || after.slice(spaceEnd + 1) !== before.slice(spaceEnd)) return null;
  return { text: before.slice(0, spaceEnd - 1) + mark + before.slice(spaceEnd), caret: spaceEnd };
}
