/**
 * Renders a comment body — plain text with a small Markdown subset — as React elements. Nothing a
 * user typed ever becomes HTML: text goes through React's escaping, and links are made only for
 * http, https and mailto URLs (anything else, `javascript:` included, stays visible text).
 * Subset: **bold**, *italic* / _italic_, `code`, [text](url), bare http(s) URLs, paragraphs and
 * line breaks, and mentions (`@{userId}`, `@[label](userId)` and a member's bare `@userId` shown by name,
 * `@ACRONYM` highlighted). A `@[label](userId)` nobody can name is its label as plain text, never a mention.
 */
import { Fragment, type ReactNode } from 'react';

export interface RenderOptions {
  /** Display name for a mentioned user id; unknown ids show as a generic mention. */
  userName?: (userId: string) => string | undefined;
  /** Shown for a user mention nobody can name (removed member). */
  unknownUser?: string;
  /** The group's organization acronyms: `@` + the longest one the text starts with is highlighted whole ("@SRE/DGAJ"). */
  acronyms?: readonly string[];
}

/** The length of the longest acronym (typed without its spaces, any case) that `text` starts with at `from`, or 0. */
function acronymAt(text: string, from: number, acronyms: readonly string[] | undefined): number {
  let best = 0;
  for (const acronym of acronyms ?? []) {
    const form = acronym.replace(/\s+/g, '');
    if (form.length <= best) continue;
    const typed = text.slice(from, from + form.length);
    if (typed.length === form.length && typed.toLowerCase() === form.toLowerCase() && !/[\p{L}\p{N}]/u.test(text[from + form.length] ?? '')) best = form.length;
  }
  return best;
}

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The URL to link to, or null when it is not an absolute http(s)/mailto URL. */
export function safeHref(raw: string): string | null {
  // Browsers strip tabs and newlines inside URLs ("java\nscript:"); refuse any control or space outright.
  if (!raw || /[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Relative or malformed: not a link, the text stays as typed.
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

// One alternation, earliest match wins: code, bold, italic, [text](url), bare URL, user mention, organization mention.
const TOKEN = new RegExp(
  [
    '`([^`\\n]+)`',
    '\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*',
    '(?<![\\p{L}\\p{N}*])\\*(?=[^\\s*])([^*\\n]*?[^\\s*])\\*(?![\\p{L}\\p{N}*])',
    '(?<![\\p{L}\\p{N}_])_(?=[^\\s_])([^_\\n]*?[^\\s_])_(?![\\p{L}\\p{N}_])',
    '\\[([^\\]\\n]{1,500})\\]\\(([^)\\s]{1,2000})\\)',
    '(https?:\\/\\/[^\\s<>]+)',
    '@\\{([A-Za-z0-9_-]{1,100})\\}',
    '(?<![\\p{L}\\p{N}_.@])@([\\p{L}\\p{N}][\\p{L}\\p{N}_.&-]{0,39})',
    '@\\[([^\\]\\n]{1,200})\\]\\(([A-Za-z0-9_-]{1,100})\\)',
  ].join('|'),
  'gu',
);

const MAX_DEPTH = 4;

function link(href: string, children: ReactNode, key: string): ReactNode {
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
    </a>
  );
}

function userMention(userId: string, name: string, key: string): ReactNode {
  return (
    <span key={key} className="mention mention-user" data-user-id={userId}>
      @{name}
    </span>
  );
}

function inline(text: string, opts: RenderOptions, depth: number, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  const key = () => `${keyPrefix}.${n++}`;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    // Inside an acronym already shown whole ("/DGAJ" of "@SRE/DGAJ").
    if (at < last) continue;
    let [whole] = m;
    let node: ReactNode;
    const inner = (s: string) => (depth < MAX_DEPTH ? inline(s, opts, depth + 1, `${keyPrefix}.${n}`) : [s]);
    if (m[1] !== undefined) node = <code key={key()}>{m[1]}</code>;
    else if (m[2] !== undefined) node = <strong key={key()}>{inner(m[2])}</strong>;
    else if (m[3] !== undefined || m[4] !== undefined) node = <em key={key()}>{inner(m[3] ?? m[4])}</em>;
    else if (m[5] !== undefined) {
      const href = safeHref(m[6]);
      // An unsafe target keeps the whole "[text](url)" as plain, visible text.
      node = href ? link(href, inner(m[5]), key()) : whole;
    } else if (m[7] !== undefined) {
      // Sentence punctuation after a bare URL belongs to the sentence.
      const url = m[7].replace(/[.,;:!?'")\]]+$/u, '');
      whole = url;
      const href = safeHref(url);
      node = href ? link(href, url, key()) : url;
    } else if (m[8] !== undefined) {
      node = userMention(m[8], opts.userName?.(m[8]) ?? opts.unknownUser ?? '?', key());
    } else if (m[10] !== undefined) {
      // @[label](userId): the member's current name. The label is whatever the author typed, so for an id nobody
      // here can name it stays plain text: styled as a mention, "@[Admin](x)" would pass for a real person.
      const name = opts.userName?.(m[11]);
      node = name ? userMention(m[11], name, key()) : `@${m[10]}`;
    } else {
      // The group's longest acronym here, which may hold what the pattern stops at (/, (, a final dot)…
      const known = acronymAt(text, at + 1, opts.acronyms);
      const handle = known ? text.slice(at + 1, at + 1 + known) : m[9].replace(/[.&_-]+$/u, '');
      whole = `@${handle}`;
      // A bare @userId of a member is that person; anything else is an organization's handle.
      const name = opts.userName?.(handle);
      node = name ? (
        userMention(handle, name, key())
      ) : (
        <span key={key()} className="mention mention-org">
          @{handle}
        </span>
      );
    }
    if (at > last) out.push(text.slice(last, at));
    out.push(node);
    // What a shortened match left out (trailing punctuation) is plain text; a longer acronym takes what follows too.
    if (whole.length < m[0].length) out.push(m[0].slice(whole.length));
    last = at + Math.max(whole.length, m[0].length);
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function lines(paragraph: string, opts: RenderOptions, key: string): ReactNode[] {
  return paragraph.split('\n').flatMap((line, i) => {
    const parts = inline(line, opts, 0, `${key}.${i}`);
    return i === 0 ? parts : [<br key={`${key}.br${i}`} />, ...parts];
  });
}

/** The body as paragraphs of safe React elements. */
export function renderCommentBody(body: string, opts: RenderOptions = {}): ReactNode {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.length > 0);
  return (
    <Fragment>
      {paragraphs.map((p, i) => (
        <p key={i}>{lines(p, opts, String(i))}</p>
      ))}
    </Fragment>
  );
}

/** A comment body element, for places that just show one. */
export function CommentBody({ body, ...opts }: { body: string } & RenderOptions) {
  return <div className="comment-body">{renderCommentBody(body, opts)}</div>;
}
