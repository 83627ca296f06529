import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../../src/database/embedded-postgres.js';

const lines: string[] = [];
const log = (line: string) => lines.push(line);

describe('startEmbeddedPostgres', () => {
  let dir: string;
  let dataDir: string;
  let running: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'soczakaz-pg-'));
    dataDir = join(dir, 'nested', 'pg');
  });

  afterAll(async () => {
    await running?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function withPool<T>(db: EmbeddedPostgres, use: (pool: pg.Pool) => Promise<T>) {
    const pool = new pg.Pool({ connectionString: db.url, max: db.maxConnections });
    try {
      return await use(pool);
    } finally {
      await pool.end();
    }
  }

  it('serves SQL over the wire, keeps the data across a restart, locks the data dir', async () => {
    running = await startEmbeddedPostgres({ dataDir, log });
    expect(running.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(running.maxConnections).toBeGreaterThanOrEqual(2);

    await withPool(running, async (pool) => {
      await pool.query(
        'CREATE TABLE lot (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL)',
      );
      // A committed and a rolled-back transaction on one connection.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO lot (body) VALUES ($1)', [{ title: 'kept', n: 1 }]);
        await client.query('COMMIT');
        await client.query('BEGIN');
        await client.query('INSERT INTO lot (body) VALUES ($1)', [{ title: 'dropped' }]);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      // Concurrent pipelines from several connections, one parameter big enough to span TCP
      // reads: pglite-socket alone would mix one connection's Parse with another's Bind.
      const big = 'x'.repeat(200_000);
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 2
            ? pool.query('INSERT INTO lot (body) VALUES ($1)', [{ title: `big${i}`, big }])
            : pool
                .query(`SELECT $1::int AS v, ${i} AS w`, [i])
                .then(({ rows }) => expect(rows[0]).toEqual({ v: i, w: i })),
        ),
      );
    });

    // A second server on the same data dir is refused while the first runs.
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process \d+/);

    await running.stop();
    running = undefined;

    running = await startEmbeddedPostgres({ dataDir, log });
    await withPool(running, async (pool) => {
      const { rows } = await pool.query<{ id: string; body: { title: string; n?: number } }>(
        "SELECT id::text AS id, body FROM lot WHERE body->>'title' = 'kept'",
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
      expect(rows[0].body).toEqual({ title: 'kept', n: 1 });
      const counts = await pool.query<{ dropped: number; big: number }>(
        "SELECT count(*) FILTER (WHERE body->>'title' = 'dropped')::int AS dropped," +
          " count(*) FILTER (WHERE body ? 'big')::int AS big FROM lot",
      );
      expect(counts.rows[0]).toEqual({ dropped: 0, big: 6 });
    });
    await running.stop();
    running = undefined;
    expect(lines.some((line) => line.startsWith('listening on 127.0.0.1:'))).toBe(true);
  }, 90_000);

  it('rejects with the child output when it cannot start, and frees the lock', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as AddressInfo;
    try {
      // The data dir of the first test: opening it again skips initdb.
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        /exited with code 1[\s\S]*EADDRINUSE/,
      );
    } finally {
      await new Promise((done) => blocker.close(done));
    }
    await expect(access(`${dataDir}.lock`)).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
