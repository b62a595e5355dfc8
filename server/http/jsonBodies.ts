/**
 * JSON bodies. A request that sends `Content-Type: application/json` with nothing in it (a bodiless POST from a
 * client that always sets the header: logout, resolve, start a meeting) is taken as having no body, not refused.
 * Anything else goes to Fastify's own parser, with its prototype-poisoning checks.
 */
import type { FastifyInstance } from 'fastify';

/** Replaces the JSON parser with one that reads an empty or blank body as no body. */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(req, text, done);
  });
}
