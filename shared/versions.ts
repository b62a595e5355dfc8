/** The version-history API's shapes (versions, sign-offs, diffs), as the server presents them and the web app reads them. */
import type { VersionKind } from './constants.js';
import type { Activity, ActivityKey } from './planModel.js';
import type { TextRun } from './textDiff.js';

/** An organization's approval of a named version, signed by its focal point. */
export interface VersionApproval {
  versionId: string;
  organizationId: string;
  userId: string;
  userName: string;
  createdAt: string;
}

/** One organization's line of a named version's sign-off: approved (by whom, when) or still pending. */
export interface SignOffRow {
  organizationId: string;
  approved: boolean;
  userId: string | null;
  userName: string | null;
  at: string | null;
}

/** A version as the API shows it; `signOff` is empty except on named versions, the ones that can be approved. */
export interface PlanVersion {
  id: string;
  documentId: string;
  name: string;
  kind: VersionKind;
  createdAt: string;
  createdById: string | null;
  meetingId: string | null;
  approvals: VersionApproval[];
  signOff: SignOffRow[];
}

/** One changed field of an activity present on both sides. */
export interface ActivityChange {
  id: string;
  field: ActivityKey;
  from: unknown;
  to: unknown;
  /** The activity's title on the `to` side, so a change can be named without another lookup. */
  title: string;
}

/** The activity tables' difference, rows matched by id. */
export interface ActivitiesDiff {
  added: Activity[];
  removed: Activity[];
  changed: ActivityChange[];
}

/** Someone whose edits fall between the two sides of a diff. */
export interface Contributor {
  userId: string;
  organizationId: string;
  name: string;
}

/** `GET /api/documents/:id/diff`: the word runs over the plan's Markdown, the activity changes and who made them (the answer also names its two sides, `from` and `to`). */
export interface PlanDiff {
  body: TextRun[];
  activities: ActivitiesDiff;
  contributors: Contributor[];
}
