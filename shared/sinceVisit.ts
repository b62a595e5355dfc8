/** What "since your last visit" tells about a plan's decisions: the server's answer and the web app's reading of it. */

/** One decision linked to the plan with news from others since the reader's visit. */
export interface DecisionSinceVisit {
  id: string;
  /** `D-{number}`, as the decision log shows it. */
  ref: string;
  title: string;
  /** The status now. */
  status: string;
  /** Proposed since the visit, by someone else. */
  created: boolean;
  /** Its status was changed since the visit, by someone else (even if changed back since). */
  statusChanged: boolean;
  /** Organizations whose stance someone else recorded or changed since the visit (never which stance). */
  stancesRecorded: number;
}
