/**
 * A refused duplicate acronym (409 from creating or changing an organization), told in the interface's language with
 * the organization that already has it: the server's message is English, so the form looks the holder up itself.
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
function sameAcronym(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
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

/** The error of an organization form: a taken acronym named in words, anything else as ErrorNotice shows it. */
export function OrganizationErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof AcronymTaken)) return <ErrorNotice error={error} compact />;
  return (
    <div className="notice notice-error notice-compact" role="alert" data-testid="acronym-taken">
      <p className="notice-title">{t('admin.acronymTaken', { acronym: error.acronym, name: error.name })}</p>
      <p className="notice-hint">{t('admin.acronymTakenHint')}</p>
    </div>
  );
}
