/** Self-test of the test infrastructure: the shared servers answer, databases are isolated, Chromium renders. */
import postgres from 'postgres';
import { createClient } from 'redis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../helpers/browser.js';
import { createTestDatabase } from '../helpers/database.js';
import { uniquePrefix } from '../helpers/redis.js';
import { startPostgres, startRedis } from './services.js';

describe('shared PostgreSQL', () => {
  it('answers select 1 on the provided URL', async () => {
    const sql = postgres(inject('databaseUrl'), { max: 1 });
    try {
      const rows = await sql`select 1 as one, current_database() as db, current_setting('fsync') as fsync`;
      expect(rows[0]).toEqual({ one: 1, db: 'enlace_test', fsync: 'on' });
    } finally {
      await sql.end();
    }
  });

  it('creates an isolated database and drops it', async () => {
    const db = await createTestDatabase();
    const sql = postgres(db.url, { max: 1 });
    try {
      await sql`create table t (v text)`;
      await sql`insert into t values ('hola')`;
      const rows = await sql`select current_database() as db, (select v from t) as v`;
      expect(rows[0]).toEqual({ db: db.name, v: 'hola' });
    } finally {
      await sql.end();
    }
    await db.drop();
    const admin = postgres(inject('databaseUrl'), { max: 1 });
    try {
      const left = await admin`select count(*)::int as n from pg_database where datname = ${db.name}`;
      expect(left[0]).toEqual({ n: 0 });
    } finally {
      await admin.end();
    }
  });
});

describe('shared Redis', () => {
  it('answers PING and keeps prefixed keys', async () => {
    const client = createClient({ url: inject('redisUrl') });
    await client.connect();
    try {
      expect(await client.ping()).toBe('PONG');
      const key = `${uniquePrefix('self')}greeting`;
      await client.set(key, 'hola');
      expect(await client.get(key)).toBe('hola');
    } finally {
      client.destroy();
    }
  });
});

describe('own servers for fault tests', () => {
  it('PostgreSQL stops and comes back on the same port with its committed data', async () => {
    const pg = await startPostgres();
    try {
      const write = postgres(pg.url, { max: 1 });
      await write`create table kept (v int)`;
      await write`insert into kept values (42)`;
      await write.end();
      await pg.stop({ mode: 'immediate' });
      const down = postgres(pg.url, { max: 1, connect_timeout: 2 });
      await expect(down`select 1`).rejects.toThrow();
      await down.end();
      await pg.start();
      const read = postgres(pg.url, { max: 1 });
      expect(await read`select v from kept`).toEqual([{ v: 42 }]);
      await read.end();
    } finally {
      await pg.dispose();
    }
  });

  it('Redis stops and comes back on the same port', async () => {
    const redis = await startRedis();
    try {
      const port = redis.port;
      await redis.stop();
      const down = createClient({ url: redis.url, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
      down.on('error', () => undefined);
      await expect(down.connect()).rejects.toThrow();
      await redis.restart();
      expect(redis.port).toBe(port);
      const client = createClient({ url: redis.url });
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      client.destroy();
    } finally {
      await redis.dispose();
    }
  });
});

describe('Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a data: page and reports its console errors', async () => {
    const page = await browser!.newPage();
    const errors = collectConsoleErrors(page);
    const html = '<title>Enlace self-test</title><h1>Hola</h1><script>console.error("boom"); setTimeout(() => { throw new Error("late") })</script>';
    await page.goto(`data:text/html,${encodeURIComponent(html)}`);
    expect(await page.title()).toBe('Enlace self-test');
    expect(await page.textContent('h1')).toBe('Hola');
    await expect.poll(() => errors.length).toBe(2);
    expect(errors).toEqual(['console.error: boom', 'pageerror: late']);
  });
});
