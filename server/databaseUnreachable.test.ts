import { describe, expect, it } from 'vitest';
import { databaseUnreachable, describeDatabaseUrl } from './databaseUnreachable.js';

describe('why a configured database cannot be used at start', () => {
  const url = 'postgres://enlace:clave@db.interno:6543/mesas';

  it('names the address without the user or password', () => {
    expect(describeDatabaseUrl(url)).toBe('db.interno:6543/mesas');
    expect(describeDatabaseUrl('postgres://db/mesas')).toBe('db:5432/mesas');
  });

  it('tells a silent address from a refused login, and leaves any other error alone', () => {
    expect(databaseUnreachable({ code: 'ENOTFOUND' }, url)).toBe('the database at db.interno:6543/mesas does not answer (ENOTFOUND): check DATABASE_URL and that PostgreSQL is running and reachable from here');
    expect(databaseUnreachable({ code: '28P01' }, url)).toBe('the database at db.interno:6543/mesas refused the connection (28P01: the password was refused): check the user, password and database name in DATABASE_URL');
    expect(databaseUnreachable({ code: '3D000' }, url)).toContain('that database does not exist');
    expect(databaseUnreachable({ code: '42P01' }, url)).toBeUndefined();
    expect(databaseUnreachable(new Error('boom'), url)).toBeUndefined();
  });
});
