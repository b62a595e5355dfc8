/** Drizzle schema: every table of Enlace, one file per area in db/tables. Migrations in db/migrations are generated from this file. */
export { bytea } from './tables/columns.js';
export * from './tables/people.js';
export * from './tables/plans.js';
export * from './tables/decisions.js';
export * from './tables/conversation.js';
export * from './tables/coordination.js';
