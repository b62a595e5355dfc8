/** Minutes export: Markdown, DOCX or PDF, in Spanish or English, from the frozen minutes (or live until close; none once cancelled). */
import { z } from 'zod';
import { idSchema } from '../../../shared/schemas.js';
import type { RouteFn } from '../../http/pipeline.js';
import type { MinutesInput } from '../../exports/minutesExport.js';
import { fileBuffer } from '../../exports/exportRenderer.js';
import { attachmentHeader } from '../../http/contentDisposition.js';
import { conflict } from '../../http/errors.js';
import { gatherMinutes, minutesNames, type FrozenMinutes } from './minutesData.js';
import { requireMeeting } from './routes.js';

const CONTENT_TYPES = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export function registerMinutesRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/meetings/:id/minutes',
    summary: 'The minutes of a meeting as Markdown, DOCX or PDF, in Spanish or English',
    tags: ['meetings'],
    produces: {
      'text/markdown': 'format=md',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'format=docx',
      'application/pdf': 'format=pdf',
    },
    params: z.object({ id: idSchema }),
    query: z.object({ format: z.enum(['md', 'docx', 'pdf']).default('md'), lang: z.enum(['es', 'en']).default('es') }),
    raw: true,
    refusals: [409],
    handler: async ({ tx, params, query, principal, reply, services }) => {
      const { meeting } = await requireMeeting(tx, principal, params.id);
      // Live minutes show what a meeting has so far; a cancelled one was never held, so it has none to show.
      if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled, so it has no minutes', 'meeting_cancelled');
      const frozen = (meeting.minutes as FrozenMinutes | null) ?? (await gatherMinutes(tx, meeting, null, []));
      // Minutes frozen before names were frozen with them name things as they are now.
      const names =
        frozen.workspaceName !== undefined && frozen.organizations
          ? { workspaceName: frozen.workspaceName, organizations: frozen.organizations }
          : await minutesNames(tx, meeting.workspaceId, [...frozen.attendance, ...frozen.decisions.flatMap((d) => d.stances.map((s) => s.organizationId)), ...frozen.actions.map((a) => a.ownerOrganizationId)]);
      const input: MinutesInput = {
        lang: query.lang,
        workspaceName: names.workspaceName,
        meeting: { title: meeting.title, startsAt: meeting.startsAt, startedAt: meeting.startedAt, closedAt: meeting.closedAt, agenda: frozen.agenda },
        attendance: frozen.attendance.map((organizationId) => ({ organizationId })),
        memberOrganizationIds: frozen.memberOrganizationIds,
        organizations: names.organizations,
        decisions: frozen.decisions.map((d) => ({ ref: d.ref, title: d.title, status: d.status, body: d.body, stances: d.stances, hiddenStances: d.hiddenStances })),
        actions: frozen.actions,
      };
      const { minutesDocument, minutesToMarkdown } = await import('../../exports/minutesExport.js');
      // DOCX and PDF render in the export worker, off the event loop.
      const file =
        query.format === 'md'
          ? Buffer.from(minutesToMarkdown(input), 'utf8')
          : fileBuffer(await services.exportRenderer.render({ kind: query.format, document: minutesDocument(input) }));
      reply
        .header('content-type', CONTENT_TYPES[query.format])
        .header('content-disposition', attachmentHeader(`${meeting.title}-${query.lang}`, query.format));
      return file;
    },
  });
}
