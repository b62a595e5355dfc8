/** The database backends every integration suite runs on: embedded PGlite and real PostgreSQL. */
import { inject } from 'vitest';
import { createTestDatabase } from './database.js';
import { tempDir } from './server.js';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Options for startTestServer that point at a fresh, empty database (reuse them to restart on the same data). */
  fresh(): Promise<{ databaseUrl?: string; dataDir?: string }>;
}

export const BACKENDS: Backend[] = [
  { name: 'pglite', fresh: async () => ({ dataDir: tempDir() }) },
  { name: 'postgres', fresh: async () => ({ databaseUrl: (await createTestDatabase(inject('databaseUrl'))).url }) },
];
