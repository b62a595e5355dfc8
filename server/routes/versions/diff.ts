/** The difference between two versions of a plan (or a version and the current content), with who made it. */
import { and, eq } from 'drizzle-orm';
import { versions } from '../../../db/schema.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireDocument } from '../../policies/workspacePolicy.js';
import { diffActivities } from '../../versions/activityDiff.js';
import { contributorsBetween } from '../../versions/contributors.js';
import { planSnapshot } from '../../versions/planState.js';
import { currentSource, versionSource, type PlanSource } from '../../versions/planSource.js';
import { diffQuery, idParams } from './schema.js';
import { planDiff } from '../../http/responses/plans.js';

export function registerDiffRoute(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/documents/:id/diff',
    summary: 'Word-level prose diff, activity field changes and contributors between two versions (to=current by default)',
    tags: ['versions'],
    response: planDiff,
    params: idParams,
    query: diffQuery,
    handler: async ({ tx, principal, params, query, services }) => {
      const { document } = await requireDocument(tx, principal, params.id);
      const versionOf = async (id: string) => {
        const [row] = await tx.select().from(versions).where(and(eq(versions.id, id), eq(versions.documentId, document.id)));
        if (!row) throw notFound('Version');
        return row;
      };
      const fromVersion = await versionOf(query.from);
      const toVersion = query.to === 'current' ? undefined : await versionOf(query.to);
      const sources: PlanSource[] = [];
      try {
        const from = versionSource(fromVersion);
        sources.push(from);
        const to = toVersion ? versionSource(toVersion) : await currentSource(tx, services.hub, document.id);
        sources.push(to);
        const a = planSnapshot(from.doc);
        const b = planSnapshot(to.doc);
        return {
          from: { versionId: fromVersion.id, logPosition: from.logPosition },
          to: { versionId: toVersion?.id ?? 'current', logPosition: to.logPosition },
          // On the Markdown both sides' content.body show: the runs rebuild each exactly, formatting changes included.
          body: await services.textDiffer.diff(a.markdown, b.markdown),
          activities: diffActivities(a.activities, b.activities),
          contributors: await contributorsBetween(tx, document.id, from.logPosition, to.logPosition),
        };
      } finally {
        sources.forEach((s) => s.release());
      }
    },
  });
}
