/** Plans (Yjs documents): create with a server-written template, list, read, rename. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import * as Y from 'yjs';
import { documents } from '../../../db/schema.js';
import { writeBlankTemplate, writeWorkPlanTemplate } from '../../../shared/planModel.js';
import { idSchema, nameSchema } from '../../../shared/schemas.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { requireDocument, requireWorkspace } from '../../policies/workspacePolicy.js';
import { presentDocument } from '../../presenters.js';
import { writeInitialState } from '../../sync/documentStore.js';
import { document, storedDocument } from '../../http/responses/plans.js';

export function registerDocumentRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/workspaces/:id/documents',
    summary: 'Create a plan; the template is written once, by the server, at creation',
    tags: ['documents'],
    response: z.strictObject({ document }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z.object({ title: nameSchema, template: z.enum(['work_plan', 'blank']).default('work_plan'), lang: z.enum(['es', 'en']).optional() }),
    status: 201,
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      await requireWorkspace(tx, principal, params.id, 'edit');
      const [doc] = await tx.insert(documents).values({ id: newId('doc'), workspaceId: params.id, title: body.title, createdById: principal.userId }).returning();
      const ydoc = new Y.Doc();
      if (body.template === 'work_plan') writeWorkPlanTemplate(ydoc, body.lang ?? (principal.locale === 'en' ? 'en' : 'es'));
      else writeBlankTemplate(ydoc);
      await writeInitialState(tx, doc.id, Y.encodeStateAsUpdate(ydoc));
      await ctx.services.projection.projectCreated(tx, { documentId: doc.id, workspaceId: params.id }, ydoc, ctx);
      ydoc.destroy();
      await ctx.audit({ action: 'document.created', workspaceId: params.id, target: { type: 'document', id: doc.id }, changes: { title: body.title, template: body.template } });
      ctx.emit(params.id, 'document:created', { document: presentDocument(doc) });
      return { document: presentDocument(doc) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/documents',
    summary: 'The plans of a working group',
    tags: ['documents'],
    response: z.strictObject({ documents: z.array(document) }),
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const rows = await tx.select().from(documents).where(eq(documents.workspaceId, params.id)).orderBy(asc(documents.title));
      return { documents: rows.map(presentDocument) };
    },
  });

  route({
    method: 'GET',
    url: '/api/documents/:id',
    summary: 'One plan',
    tags: ['documents'],
    response: z.strictObject({ document: storedDocument }),
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal, services }) => {
      const { document } = await requireDocument(tx, principal, params.id);
      // What is stored, so a client that missed a document:saved event can still settle its indicator.
      const current = await services.hub.peek(document.id, tx);
      const savedStateVector = services.hub.documents.get(document.id)?.savedStateVector ?? Buffer.from(Y.encodeStateVector(current.doc)).toString('base64');
      current.release();
      return { document: { ...presentDocument(document), savedStateVector } };
    },
  });

  route({
    method: 'PATCH',
    url: '/api/documents/:id',
    summary: 'Rename a plan (members and facilitators); audited from → to, and the same title again is answered without being recorded or announced',
    tags: ['documents'],
    response: z.strictObject({ document }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z.object({ title: nameSchema }).strict(),
    handler: async (ctx) => {
      const { document } = await requireDocument(ctx.tx, ctx.principal, ctx.params.id, 'edit');
      // Locked and read again until commit: the same rename sent twice at once is recorded once, and each entry's
      // `from` is the title the other left.
      const [before] = await ctx.tx.select().from(documents).where(eq(documents.id, document.id)).for('update');
      if (!before) throw notFound('Document');
      // The same title again changes nothing: answered, not recorded (or announced) again, and updatedAt stays.
      if (before.title === ctx.body.title) return { document: presentDocument(before) };
      const [doc] = await ctx.tx.update(documents).set({ title: ctx.body.title, updatedAt: new Date() }).where(eq(documents.id, before.id)).returning();
      await ctx.audit({ action: 'document.renamed', workspaceId: doc.workspaceId, target: { type: 'document', id: doc.id }, changes: { title: { from: before.title, to: doc.title } } });
      ctx.emit(doc.workspaceId, 'document:updated', { document: presentDocument(doc) });
      return { document: presentDocument(doc) };
    },
  });
}
