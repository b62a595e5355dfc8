/** Domain constants shared by server and client. */

export const MANDATE_AREAS = [
  'organized_crime',
  'drug_trafficking',
  'money_laundering',
  'trafficking_in_persons',
  'migrant_smuggling',
  'firearms_trafficking',
  'corruption',
  'wildlife_forest_crime',
] as const;
export type MandateArea = (typeof MANDATE_AREAS)[number];

export const ORGANIZATION_LEVELS = ['international', 'federal', 'state', 'municipal', 'civil_society', 'academia'] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];

export const WORKSPACE_ROLES = ['facilitator', 'member', 'observer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const DECISION_STATUSES = ['proposed', 'agreed', 'rejected', 'deferred', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** A decision is closed (stances frozen, hidden stances revealed) once it leaves `proposed`. */
export const OPEN_DECISION_STATUSES: readonly DecisionStatus[] = ['proposed'];

export const STANCES = ['agree', 'agree_with_conditions', 'abstain', 'object'] as const;

/** Why a 409 `conflict` happened (`error.reason`): the web app says what to do for each. */
export const CONFLICT_REASONS = [
  'decision_closed',
  'email_taken',
  'last_facilitator',
  'invitation_used',
  'meeting_closed',
  'meeting_cancelled',
  'meeting_live',
  'meeting_started',
  'already_set_up',
  'comment_deleted',
  'version_not_named',
  'already_approved',
  'idempotency_key_reused',
  'already_member',
  'own_account',
  'account_deactivated',
  'concurrent_change',
  'restore_running',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];
/** Why a 403 was refused, where a client must tell it apart from other refusals (sign-in of a deactivated account). */
export const FORBIDDEN_REASONS = ['account_deactivated'] as const;
export type ErrorReason = ConflictReason | (typeof FORBIDDEN_REASONS)[number];
export type Stance = (typeof STANCES)[number];

/** A meeting is scheduled, then live, then closed; a scheduled one may be cancelled instead. */
export const MEETING_STATUSES = ['scheduled', 'live', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const VERSION_KINDS = ['auto', 'named', 'meeting'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const OVERLAP_REASONS = ['same_mandate_area', 'same_place', 'dates_overlap', 'similar_title', 'same_target'] as const;
export type OverlapReason = (typeof OVERLAP_REASONS)[number];
export const OVERLAP_RESOLUTIONS = ['coordinate', 'co_lead', 'merge', 'not_duplicate'] as const;
export type OverlapResolution = (typeof OVERLAP_RESOLUTIONS)[number];

/** INEGI state codes "01".."32" with their official names. */
export const STATES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '01', name: 'Aguascalientes' },
  { code: '02', name: 'Baja California' },
  { code: '03', name: 'Baja California Sur' },
  { code: '04', name: 'Campeche' },
  { code: '05', name: 'Coahuila de Zaragoza' },
  { code: '06', name: 'Colima' },
  { code: '07', name: 'Chiapas' },
  { code: '08', name: 'Chihuahua' },
  { code: '09', name: 'Ciudad de México' },
  { code: '10', name: 'Durango' },
  { code: '11', name: 'Guanajuato' },
  { code: '12', name: 'Guerrero' },
  { code: '13', name: 'Hidalgo' },
  { code: '14', name: 'Jalisco' },
  { code: '15', name: 'México' },
  { code: '16', name: 'Michoacán de Ocampo' },
  { code: '17', name: 'Morelos' },
  { code: '18', name: 'Nayarit' },
  { code: '19', name: 'Nuevo León' },
  { code: '20', name: 'Oaxaca' },
  { code: '21', name: 'Puebla' },
  { code: '22', name: 'Querétaro' },
  { code: '23', name: 'Quintana Roo' },
  { code: '24', name: 'San Luis Potosí' },
  { code: '25', name: 'Sinaloa' },
  { code: '26', name: 'Sonora' },
  { code: '27', name: 'Tabasco' },
  { code: '28', name: 'Tamaulipas' },
  { code: '29', name: 'Tlaxcala' },
  { code: '30', name: 'Veracruz de Ignacio de la Llave' },
  { code: '31', name: 'Yucatán' },
  { code: '32', name: 'Zacatecas' },
];
export const STATE_CODES = STATES.map((s) => s.code);

/** Characters a decision's proposal text may hold (the form counts down to it; the API refuses more). */
export const DECISION_BODY_MAX_CHARS = 20_000;

/**
 * Years a date or time may carry. Before 1900 no meeting, due date or plan activity of a working group exists, a
 * typo of the century ("0202", "1026") is caught, and PostgreSQL renders such times in local mean time (-06:36:36 in
 * Mexico City); year 0 is out of PostgreSQL's range (500 "date/time field value out of range"). 9999: ISO-8601's four digits.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** True when a `YYYY-MM-DD…` text's year is within MIN_YEAR..MAX_YEAR. */
export function isYearInRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return /^\d{4}/.test(value) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A real calendar day written `YYYY-MM-DD` (not "2026-02-30", which Date.parse accepts), in MIN_YEAR..MAX_YEAR. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isYearInRange(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A municipality code is 5 digits: its state's 2-digit INEGI code then a 3-digit municipality number. */
export function isValidMunicipalityCode(code: string): boolean {
  return /^\d{5}$/.test(code) && STATE_CODES.includes(code.slice(0, 2)) && code.slice(2) !== '000';
}

/** The shape of every id the server issues (users, organizations, groups, plans, …). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Every limit in one place; the server's config may override each. */
export const DEFAULT_LIMITS = {
  /**
   * Largest accepted WebSocket frame; larger closes with 1009. A sync step 2 (a returning client's catch-up) may be as
   * large as `maxUnsavedBytes`: edits a node accepted and lost unsaved (a crash, an outage) come back in one, and
   * refused, could never be resent.
   */
  maxFrameBytes: 32 * 1024 * 1024,
  /**
   * Messages per second a Yjs connection may sustain (token bucket), and its burst. Over it, the client is held back
   * (its socket is not read and what was read is applied at the rate); still over it `throttledCloseMs` later, or
   * a burst's worth beyond it at once, it is closed (1008). A person sends tens a second (keystrokes and carets);
   * a stock client typing flat out on a busy core ~1,000, which this lets through; a raw flood, tens of thousands.
   */
  messagesPerSecond: 1000,
  messageBurst: 5000,
  throttledCloseMs: 2000,
  /**
   * Sync step 1 requests a Yjs connection may make per minute, and their burst. Each with a state vector makes the
   * server encode what the client lacks (a whole plan for a made-up vector): at the message rate, one connection
   * could keep a node busy. A stock client asks once per connection (and once per `resyncInterval`, if set).
   */
  syncRequestsPerMinute: 60,
  syncRequestBurst: 20,
  /**
   * One awareness state (a caret, a name, a colour: well under 1 kB from a stock client); larger closes with 1009.
   * Every state is kept and sent to every peer and newcomer, so a frame-sized one would be multiplied by the room.
   */
  maxAwarenessStateBytes: 64 * 1024,
  /**
   * Activities in one plan. An update that would add rows past it closes its sender with 1009 and changes nothing:
   * a member pushing 100,000 rows in one frame took the node to 1.8 GB and stalled it for everyone for a minute.
   * Set far above any real plan (tens to hundreds of rows) so scripts and bulk loads never meet it.
   */
  maxActivitiesPerPlan: 20_000,
  /** Shared types nested in one another (a list in a list item in …) below a root; deeper closes with 4400. */
  maxNestingDepth: 100,
  /** Awareness client ids one connection may speak for (a stock client uses one per document); more closes with 4400. */
  maxAwarenessClientsPerConnection: 8,
  /** A connection whose unsent buffer exceeds this is too slow and is closed. */
  maxBufferedBytes: 64 * 1024 * 1024,
  /**
   * Plan texts (both sides of a diff together, in characters) word-diffed on the event loop; longer ones go to the
   * diff worker thread. A diff costs O(words × edits): two ~3 MB plans took ~300 ms.
   */
  diffInThreadMaxChars: 64 * 1024,
  /**
   * Plans (live state and version state together, in bytes) restored on the event loop; larger ones are restored in
   * the restore worker thread. A restore aligns every block: a 4.8 MB plan took 1.2 s.
   */
  restoreInThreadMaxBytes: 256 * 1024,
  /**
   * How long a restore's answer waits for the database to store its change (and the backup's record of it): past it
   * the caller gets 503 while the restore, already live in the plan, is stored and followed up once the database answers.
   */
  restoreStoreWaitMs: 15_000,
  /** Largest JSON body on REST. */
  maxBodyBytes: 1024 * 1024,
  /** Largest body on routes anyone may call unsigned (sign-in, setup): a stranger's megabyte of JSON costs the node a tenth of a second. */
  maxAnonymousBodyBytes: 16 * 1024,
  /** Deepest nesting of a JSON body: parsing deep nesting is slow (a megabyte of `[` takes ~0.4 s), and no route reads past a few levels. */
  maxJsonDepth: 64,
  /** Unauthenticated upgrades in flight at once per node. */
  maxPendingUpgrades: 256,
  /** Requests per minute per client IP on the REST API. */
  requestsPerMinute: 6000,
  /** Comments (and replies) one person may post at once before the sustained rate applies; more answer 429. */
  commentBurst: 30,
  /** Comments per minute one person may sustain: each may notify whole organizations, so a flood is refused. */
  commentsPerMinute: 30,
  /**
   * Socket.IO events (join, leave, presence) one person may send at once across their sockets on a node, and per
   * second after that; more are answered `rate_limited`. Each join is a database lookup: on embedded PGlite's one
   * connection, a flood of them from one person stalled everyone's requests.
   */
  socketEventBurst: 300,
  socketEventsPerSecond: 20,
  /** Failed logins per (email, ip) in the window before 429. */
  loginFailures: 10,
  loginWindowMs: 15 * 60 * 1000,
  /**
   * Group-commit window of the update log while updates keep coming (after a quiet spell one commits at once), and
   * the max updates in one commit. Each commit has a fixed cost (a round trip, and on embedded PGlite its own work and
   * fsync in this process): with 2,000 people in 400 plans, 10 ms instead of 3 took a sixth off the node's CPU on
   * PGlite and ~10 % on PostgreSQL, for ~7 ms more until a steady stream's edits are reported saved.
   */
  groupCommitMs: 10,
  groupCommitMaxUpdates: 5000,
  /**
   * Updates, and their bytes, kept in memory waiting for the database; above either, writers are closed (1013).
   * Twenty stock clients typing flat out queue ~20,000 one-character updates on two busy cores.
   */
  maxUnsavedUpdates: 100000,
  maxUnsavedBytes: 64 * 1024 * 1024,
  /** Updates in the log before a background compaction, and the shortest time between two of one plan's while it is edited. */
  compactAfterUpdates: 500,
  compactMinIntervalMs: 2000,
  /** What a clean stop may spend folding logs into snapshots (the process has 10 s to stop; what is left, the next node folds). */
  shutdownCompactionMs: 2000,
  /** How often embedded PGlite's table statistics are checked for a vacuum (it has no autovacuum). */
  vacuumCheckMs: 10_000,
  /**
   * How long after start a node projects again the plans edited in the last minutes (a node killed between a save and
   * its projection pass left the matrix without that edit). Not at once: a start is for the people reconnecting.
   */
  projectionCatchUpAfterStartMs: 15_000,
  /** A document with no connections is unloaded after this. */
  unloadAfterMs: 30000,
  /** Awareness broadcasts are merged per document per tick: this many ms per connection to the document, up to the maximum. */
  awarenessTickPerPeerMs: 2,
  awarenessTickMs: 100,
  /**
   * A presence that only renews itself (a stock client's every 15 s, unchanged) is passed on within this, merged with
   * the others', not on the next tick: peers drop a presence not heard of for 30 s, so 5 s keeps it with room to spare.
   */
  awarenessRenewalMs: 5000,
  passwordMinLength: 12,
  /**
   * The audit trail records a person's edits of a plan over the Yjs socket once per editing session: a session ends
   * after this long without an edit of theirs (one entry per keystroke would bury every other entry).
   */
  editAuditSessionMs: 15 * 60 * 1000,
  /** A document edited for this long since its last version gets an automatic version. */
  autoVersionAfterMs: 10 * 60 * 1000,
} as const;
export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };
