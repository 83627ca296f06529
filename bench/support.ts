import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { loadEnvironment } from '../src/config/environment.js';
import { Runtime } from '../src/config/runtime.js';
import { DeadlineTopic } from '../src/deadlines/deadlines.service.js';

/** The machine's servers, as the tests use them; a database of its own is created from the first. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A positive number from the environment, or the default. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one run, dropped at its end. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `soczakaz_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The app's configuration for a run: production, silent, a JWT secret of its own and the
 * deployment's DATABASE_POOL_SIZE when given, plus `settings`; on the run's database and the
 * machine's Redis.
 */
export function benchConfiguration(
  database: BenchDatabase,
  settings: Record<string, string | undefined>,
) {
  const secret = randomBytes(48).toString('base64url');
  const environment = loadEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: secret,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    ...settings,
  });
  const runtime = new Runtime(
    database.url,
    environment.DATABASE_POOL_SIZE,
    'external',
    BENCH_REDIS_URL,
    'external',
    secret,
  );
  return { environment, runtime };
}

/** Removes every Redis key under a queue prefix (what a run's queues left behind). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

/** Nearest-rank percentiles, in the samples' unit. */
export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  if (sorted.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, min: NaN };
  return {
    count: sorted.length,
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    p99: round(rank(0.99)),
    max: round(sorted[sorted.length - 1]),
    min: round(sorted[0]),
  };
}

export interface ProcessLoad {
  /** CPU time of this process over the wall time, in % of one core. */
  cpuPercent: number;
  /** How late the event loop ran its timers (ms): the process's own share of lateness. */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

/** Starts measuring this process's load; the returned function stops and reports. */
export function measureLoad(): () => ProcessLoad {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return () => {
    loop.disable();
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    return {
      cpuPercent: round(((used.user + used.system) / 1000 / wallMs) * 100, 0),
      eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 1),
      eventLoopDelayMaxMs: round(loop.max / 1e6, 1),
    };
  };
}

/** What the figures were measured on; Redis `hz` bounds how precisely delayed jobs wake. */
export async function machineFacts(redisUrl: string) {
  const redis = new Redis(redisUrl);
  try {
    const [, hz] = (await redis.config('GET', 'hz')) as [string, string];
    const info = await redis.info('server');
    const cpus = os.cpus();
    return {
      cpuModel: cpus[0]?.model ?? 'unknown',
      cpuCount: cpus.length,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      /** Other work on the machine when the run started (1, 5, 15 minutes). */
      loadAverage: os.loadavg().map((load) => round(load, 2)),
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      redisHz: Number(hz),
    };
  } finally {
    redis.disconnect();
  }
}

export const round = (value: number, digits = 1): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

/** Polls `check` every `everyMs` until it holds or `deadline` (epoch ms) passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  deadline: number,
  everyMs = 250,
): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export { inParallel } from '../src/common/in-parallel.js';

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
        )
        .join('  '),
    )
    .join('\n');
}

/** Writes bench/results/<name>.json (from the compiled file in dist/bench or from bench/). */
export async function writeResult(name: string, result: unknown): Promise<string> {
  const directory = new URL(
    import.meta.url.includes('/dist/bench/') ? '../../bench/results/' : './results/',
    import.meta.url,
  );
  await mkdir(directory, { recursive: true });
  const file = new URL(`${name}.json`, directory);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file.pathname;
}

/** Runs one statement: a DataSource's, a pg client's or a test harness's query, alike. */
export type RunQuery = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/**
 * Brings pending callClose deadlines to fall due from `inSeconds` ahead of the database clock,
 * spread evenly over `spreadSeconds` (in the order of `lotIds`, or at random over every pending
 * call), the way an amendment moves one: new due time, generation + 1 (the old job becomes
 * stale) and a schedule row in the outbox for the relay, in one statement.
 */
export async function moveCallDeadlines(
  query: RunQuery,
  {
    lotIds,
    inSeconds,
    spreadSeconds = 0,
  }: { lotIds?: readonly string[]; inSeconds: number; spreadSeconds?: number },
): Promise<{ firstDue: Date; lastDue: Date; moved: number }> {
  const [window] = (await query(
    `WITH slots AS (
       SELECT id, count(*) OVER () AS n,
              CASE WHEN $1::uuid[] IS NULL THEN row_number() OVER (ORDER BY random()) - 1
                   ELSE array_position($1::uuid[], lot_id) - 1 END AS slot
       FROM lot_deadlines
       WHERE kind = 'callClose' AND fired_at IS NULL AND cancelled_at IS NULL
         AND ($1::uuid[] IS NULL OR lot_id = ANY($1::uuid[]))
     ), moved AS (
       UPDATE lot_deadlines d
       SET due_at = date_trunc('milliseconds', clock_timestamp()
             + make_interval(secs => $2 + s.slot * $3::float8 / greatest(s.n - 1, 1))),
           generation = d.generation + 1
       FROM slots s WHERE d.id = s.id
       RETURNING d.lot_id, d.kind, d.generation, d.due_at
     ), scheduled AS (
       INSERT INTO outbox (lot_id, topic, payload)
       SELECT lot_id, $4, jsonb_build_object(
         'lotId', lot_id, 'kind', kind, 'generation', generation,
         'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'reminders', '[]'::jsonb)
       FROM moved
     )
     SELECT min(due_at) AS "firstDue", max(due_at) AS "lastDue", count(*)::int AS moved
     FROM moved`,
    [lotIds ?? null, inSeconds, spreadSeconds, DeadlineTopic.Schedule],
  )) as [{ firstDue: Date; lastDue: Date; moved: number }];
  return window;
}

/** A figure as a ratio to its baseline, e.g. ×1.25 (– without a baseline). */
export function ratio(value: number, baseline: number): string {
  return baseline > 0 ? `×${round(value / baseline, 2).toFixed(2)}` : '–';
}

/** Outbox rows the relay has yet to send, of these topics or of all. */
export async function unsentOutbox(query: RunQuery, topics?: readonly string[]): Promise<number> {
  const [row] = (await query(
    `SELECT count(*)::int AS n FROM outbox
     WHERE sent_at IS NULL AND ($1::text[] IS NULL OR topic = ANY($1))`,
    [topics ?? null],
  )) as [{ n: number }];
  return row.n;
}
