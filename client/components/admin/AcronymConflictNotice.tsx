/**
 * A duplicate acronym, told in the interface's language with the organization that already has it: before creating
 * one (the API accepts duplicates, so the form asks first) and for a refused change (409; the server's message is
 * English, so the form looks the holder up itself).
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http.js';
import { listOrganizations } from '../../api/workspaces.js';
import { ErrorNotice } from '../ErrorNotice.js';

/** The organization that holds an acronym someone tried to use again. */
export class AcronymTaken {
  constructor(
    readonly acronym: string,
    readonly name: string,
  ) {}
}

/** Whether two acronyms are the same one, as the server compares them (trimmed, any case). */
export function sameAcronym(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The organization that already has `acronym`, read afresh; null when none (or the list cannot be read: the API decides). */
export async function acronymHolder(acronym: string): Promise<AcronymTaken | null> {
  try {
    const holder = (await listOrganizations()).find((o) => sameAcronym(o.acronym, acronym));
    return holder ? new AcronymTaken(holder.acronym.trim(), holder.name) : null;
  } catch (lookupError) {
    console.warn('Could not look up the organizations to check the acronym', lookupError);
    return null;
  }
}

/** For a 409, the organization (other than `exceptId`) that has `acronym`, read afresh; any other error as it was. */
export async function explainAcronymConflict(err: unknown, acronym: string, exceptId?: string): Promise<unknown> {
  if (!(err instanceof ApiError) || err.status !== 409) return err;
  try {
    const holder = (await listOrganizations()).find((o) => o.id !== exceptId && sameAcronym(o.acronym, acronym));
    return holder ? new AcronymTaken(holder.acronym.trim(), holder.name) : err;
  } catch (lookupError) {
    // Without the list the conflict is still shown, in the general words for a conflict.
    console.warn('Could not look up the organization with that acronym', lookupError);
    return err;
  }
}

/** An organization form's fields, as the API names them. */
export type OrganizationField = 'name' | 'acronym' | 'level' | 'stateCode';

/** A taken acronym (looked up, or the server's 409) is about the acronym field: editing it makes the refusal stale. */
export function acronymRefusal(err: unknown): OrganizationField[] {
  return err instanceof AcronymTaken || (err instanceof ApiError && err.status === 409) ? ['acronym'] : [];
}

/** The error of an organization form: a taken acronym named in words (`confirmable`: submitting again creates it anyway), anything else as ErrorNotice shows it. */
export function OrganizationErrorNotice({ error, confirmable = false }: { error: unknown; confirmable?: boolean }) {
  const { t } = useTranslation();
  if (!(error instanceof AcronymTaken)) return <ErrorNotice error={error} compact />;
  return (
    <div className="notice notice-error notice-compact" role="alert" data-testid="acronym-taken">
      <p className="notice-title">{t('admin.acronymTaken', { acronym: error.acronym, name: error.name })}</p>
      <p className="notice-hint">{t(confirmable ? 'admin.acronymTakenConfirm' : 'admin.acronymTakenHint')}</p>
    </div>
  );
}
