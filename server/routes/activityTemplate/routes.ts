/** The activity import's Excel template, with drop-down lists drawn from the directory (any signed-in person). */
import { asc, isNull } from 'drizzle-orm';
import { organizations } from '../../../db/schema.js';
import { activityTemplate } from '../../exports/activityTemplate.js';
import { fileBuffer } from '../../exports/exportRenderer.js';
import type { RouteFn } from '../../http/pipeline.js';
import { activityTemplateQuery } from './schema.js';

const FILE_NAMES = { es: 'plantilla-actividades.xlsx', en: 'activities-template.xlsx' } as const;

/** Registers GET /api/activities/import-template.xlsx. */
export function registerActivityTemplateRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/activities/import-template.xlsx',
    summary: 'An Excel template for importing activities into a plan: the table’s columns, an example row, and drop-down lists of active institutions, mandate areas, statuses and states',
    tags: ['documents'],
    produces: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook: an activities sheet and the lists it draws on' },
    query: activityTemplateQuery,
    raw: true,
    handler: async ({ tx, principal, query, reply, services }) => {
      const lang = query.lang ?? (principal.locale === 'en' ? 'en' : 'es');
      // The directory every signed-in person sees (GET /api/organizations); defunct agencies are offered for nothing new.
      const active = await tx.select({ acronym: organizations.acronym, name: organizations.name }).from(organizations).where(isNull(organizations.deactivatedAt)).orderBy(asc(organizations.acronym));
      const file = fileBuffer(await services.exportRenderer.render({ kind: 'activityTemplate', template: activityTemplate(lang, active) }));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${FILE_NAMES[lang]}"`)
        .header('cache-control', 'no-store');
      return file;
    },
  });
}
