/**
 * JSON bodies. A request that sends `Content-Type: application/json` with nothing in it (a bodiless POST from a
 * client that always sets the header: logout, resolve, start a meeting) is taken as having no body, not refused.
 * A charset other than UTF-8, or a compressed body, is refused by name (the body would be read as UTF-8 and
 * stored with replacement characters, or fail as "not JSON"). A body nested deeper than any route reads is
 * refused before parsing. Anything else goes to Fastify's own parser, with its prototype-poisoning checks.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Only what JSON itself counts as whitespace (String.trim would also take a no-break space or a BOM for nothing). */
const JSON_BLANK = /^[ \t\r\n]*$/;

/** Why a JSON request's encoding cannot be read, or null. */
function unreadableEncoding(req: FastifyRequest): string | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return `Send JSON as UTF-8 (the body says charset=${charset.slice(0, 40)})`;
  const coding = req.headers['content-encoding']?.trim().toLowerCase();
  if (coding && coding !== 'identity') return 'Send the body uncompressed (Content-Encoding is not accepted)';
  return null;
}

/**
 * Whether the text nests arrays or objects deeper than `limit`, by one pass over its characters (brackets inside
 * strings do not count). Run before JSON.parse, whose time grows badly with depth.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function isParsableJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false; // really not JSON: Fastify's own message says so
  }
}

/** Replaces the JSON parser with one that reads an empty or blank body as no body and refuses deep nesting unparsed. */
export function acceptEmptyJsonBodies(app: FastifyInstance, maxDepth: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const problem = unreadableEncoding(req);
    if (problem) {
      done(new AppError('validation_failed', problem), undefined);
      return;
    }
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (JSON_BLANK.test(text)) {
      done(null, undefined);
      return;
    }
    if (nestsDeeperThan(text, maxDepth)) {
      done(new AppError('validation_failed', `The body nests arrays or objects more than ${maxDepth} levels deep; no request needs that many`, [{ path: '', message: 'too deeply nested', issue: 'too_deep', limit: maxDepth }]), undefined);
      return;
    }
    parseJson(req, text, (err, value) => {
      // Fastify reports a refused __proto__ or constructor.prototype key as "not valid JSON": say what it is.
      if (err && isParsableJson(text)) {
        done(new AppError('validation_failed', 'The body uses a reserved key (__proto__ or constructor.prototype), which is not accepted', [{ path: '', message: 'reserved key' }]), undefined);
        return;
      }
      done(err, value);
    });
  });
}
