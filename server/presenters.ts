/** What the API shows of each record: the one place rows become contract JSON. */
import type { InferSelectModel } from 'drizzle-orm';
import type { documents, organizations, users, workspaces } from '../db/schema.js';

export function presentUser(u: InferSelectModel<typeof users>) {
  return { id: u.id, email: u.email, name: u.name, organizationId: u.organizationId, isAdmin: u.isAdmin, locale: u.locale };
}

export function presentOrganization(o: InferSelectModel<typeof organizations>) {
  return { id: o.id, name: o.name, acronym: o.acronym, level: o.level, stateCode: o.stateCode ?? null, active: o.deactivatedAt === null, createdAt: o.createdAt.toISOString() };
}

export function presentWorkspace(w: InferSelectModel<typeof workspaces>) {
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    mandateAreas: w.mandateAreas,
    shareOverlaps: w.shareOverlaps,
    createdById: w.createdById,
    createdAt: w.createdAt.toISOString(),
  };
}

export function presentDocument(d: Pick<InferSelectModel<typeof documents>, 'id' | 'workspaceId' | 'title' | 'createdAt' | 'updatedAt'>) {
  return { id: d.id, workspaceId: d.workspaceId, title: d.title, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() };
}
