import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor } from '../src/auth/actor.js';
import { Membership } from '../src/auth/membership.entity.js';
import { Organisation } from '../src/auth/organisation.entity.js';
import { User } from '../src/auth/user.entity.js';
import { Runtime } from '../src/config/runtime.js';
import { DEADLINE_CONCURRENCY } from '../src/deadlines/deadline-worker.service.js';
import { DeadlineTopic } from '../src/deadlines/deadlines.service.js';
import { LotEngine } from '../src/lots/lot-engine.service.js';
import { NotificationQueues } from '../src/notifications/notification-queues.js';
import { NOTIFY_TOPIC } from '../src/notifications/notification-worker.service.js';
import { Programme } from '../src/programmes/programme.entity.js';
import { DEFAULT_JOB_OPTIONS, queueOptions } from '../src/queue/queues.js';
import { WorkerModule } from '../src/worker.module.js';
import {
  BENCH_REDIS_URL,
  createBenchDatabase,
  deleteQueueKeys,
  distribution,
  inParallel,
  machineFacts,
  measureLoad,
  moveCallDeadlines,
  numberFromEnv,
  ratio,
  round,
  table,
  unsentOutbox,
  waitFor,
  writeResult,
  type BenchDatabase,
  type Distribution,
  type ProcessLoad,
  benchConfiguration,
} from './support.js';

/**
 * `npm run bench:deadlines`: LOTS lots whose call deadlines fall due spread over SPREAD_S
 * seconds, fired by the real worker (outbox relay → BullMQ deadline queue → deadline processor →
 * lot engine), against a raw baseline of as many plain BullMQ delayed jobs on a bare Worker.
 * Lateness is when the change happened minus when it was due.
 */
const LOTS = Math.round(numberFromEnv('BENCH_LOTS', 10_000));
const SPREAD_S = numberFromEnv('BENCH_SPREAD_S', 60);
/** Between scheduling and the first due time: the relay enqueues every job in it. */
const LEAD_S = numberFromEnv('BENCH_LEAD_S', 15);
/** A deadline not fired this long after the last one was due counts as missed. */
const GRACE_S = numberFromEnv('BENCH_GRACE_S', 30);
const SETUP_PARALLEL = 8;
/** Issue #8. */
const GOAL = { p99Ms: 250, missed: 0, doubled: 0 };

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${round(ms / 1000)} s`;

interface Outcome {
  lateness: Distribution;
  missed: number;
  doubled: number;
  /** How fast due work was done: fired ÷ (last − first firing). */
  firedPerSecond: number;
  load: ProcessLoad;
}

const rate = (count: number, firstMs: number, lastMs: number): number =>
  lastMs > firstMs ? round(((count - 1) * 1000) / (lastMs - firstMs), 0) : 0;

/** The floor: plain delayed jobs, a Worker of the same concurrency that only notes the time. */
async function rawBaseline(prefix: string): Promise<Outcome> {
  const runtime = new Runtime('', 1, 'external', BENCH_REDIS_URL, 'external', '');
  const shared = queueOptions(runtime, { QUEUE_PREFIX: prefix });
  const queue = new Queue<{ due: number }>('raw', {
    ...shared,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  const runs = new Map<string, number>();
  const lateness: number[] = [];
  const ran: number[] = [];
  const worker = new Worker<{ due: number }>(
    'raw',
    async (job) => {
      ran.push(Date.now());
      lateness.push(ran[ran.length - 1] - job.data.due);
      runs.set(String(job.id), (runs.get(String(job.id)) ?? 0) + 1);
    },
    { ...shared, concurrency: DEADLINE_CONCURRENCY },
  );
  try {
    await worker.waitUntilReady();
    const firstDue = Date.now() + 5000;
    const dueOf = (index: number) => Math.round(firstDue + (index * SPREAD_S * 1000) / LOTS);
    for (let start = 0; start < LOTS; start += 1000) {
      const chunk = Array.from({ length: Math.min(1000, LOTS - start) }, (_, k) => start + k);
      await queue.addBulk(
        chunk.map((index) => ({
          name: 'fire',
          data: { due: dueOf(index) },
          opts: { jobId: `raw-${index}`, delay: Math.max(0, dueOf(index) - Date.now()) },
        })),
      );
    }
    const stop = measureLoad();
    const cutoff = dueOf(LOTS - 1) + GRACE_S * 1000;
    await waitFor(async () => runs.size >= LOTS, cutoff);
    const load = stop();
    return {
      lateness: distribution(lateness),
      missed: LOTS - runs.size,
      doubled: [...runs.values()].filter((count) => count > 1).length,
      firedPerSecond: rate(ran.length, Math.min(...ran), Math.max(...ran)),
      load,
    };
  } finally {
    await worker.close();
    await queue.close();
  }
}

/** A buyer, one of its staff and a Ukrainian programme (no hearing: the call opens from draft). */
async function buyerWithProgramme(dataSource: DataSource) {
  return dataSource.transaction(async (manager) => {
    const buyer = await manager.save(
      manager.create(Organisation, {
        kind: 'buyer',
        name: 'Кропивницький міський центр соціальних служб',
        country: 'UA',
        timeZone: 'Europe/Kyiv',
        registrationNumber: null,
        verificationStatus: 'verified',
      }),
    );
    const user = await manager.save(
      manager.create(User, {
        email: 'bench-staff@bench.soczakaz.local',
        fullName: 'Bench staff',
        locale: 'uk',
        isAdmin: false,
        active: true,
        passwordHash: 'not used: the bench acts through the engine',
      }),
    );
    await manager.save(
      manager.create(Membership, {
        userId: user.id,
        organisationId: buyer.id,
        role: 'buyer_staff',
      }),
    );
    const programme = await manager.save(
      manager.create(Programme, {
        buyerId: buyer.id,
        title: 'Соціальне замовлення: bench',
        jurisdiction: 'UA',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency: 'UAH',
        totalBudget: 100 * LOTS * 2_299_998,
        profileId: 'ua-competition',
        timeZone: 'Europe/Kyiv',
        createdBy: user.id,
      }),
    );
    const actor = new Actor(user.id, user.email, user.locale, false, [
      {
        organisationId: buyer.id,
        organisationName: buyer.name,
        organisationKind: 'buyer',
        verificationStatus: 'verified',
        role: 'buyer_staff',
      },
    ]);
    return { actor, programme };
  });
}

interface SystemOutcome extends Outcome {
  databasePoolSize: number;
  setupMs: number;
  relayMs: number;
  /** Jobs enqueued by the relay before the first deadline fell due. */
  relayedInTime: boolean;
  fired: number;
  stateChanged: number;
  failures: { count: number; sample: string[] };
}

/**
 * The real path: a worker (ROLE=worker composition) runs; lots are created and their calls
 * opened through the lot engine, which arms their callClose deadlines (lot_deadlines + outbox).
 * Then every deadline is brought to its slot in the window the way an amendment moves one (new
 * due time, generation + 1, a schedule row in the outbox) in one transaction; the relay enqueues
 * the jobs and the processor fires CALL_DEADLINE through the engine.
 */
async function realDeadlines(database: BenchDatabase, prefix: string): Promise<SystemOutcome> {
  const { environment, runtime } = benchConfiguration(database, {
    ROLE: 'worker',
    QUEUE_PREFIX: prefix,
  });
  let worker: INestApplicationContext | undefined;
  try {
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(environment, runtime),
      { logger: ['error'] },
    );
    const dataSource = worker.get(DataSource);
    const engine = worker.get(LotEngine);

    const setupStarted = Date.now();
    const { actor, programme } = await buyerWithProgramme(dataSource);
    await inParallel(LOTS, SETUP_PARALLEL, async (index) => {
      const lot = await dataSource.transaction((manager) =>
        engine.create(
          manager,
          {
            programmeId: programme.id,
            buyerId: programme.buyerId,
            currency: 'UAH',
            profileId: programme.profileId,
            number: String(index + 1),
            section: null,
            theme: `Соціальна профілактика ${index + 1}`,
            recipients: null,
            goals: null,
            tasks: null,
            territories: [{ name: 'Кропивницький', maxAmount: 22_999_980 }],
            maxAmount: 22_999_980,
            durationMonths: 12,
            expectedResults: null,
            indicatorTargets: [],
            eligibility: ['ngo'],
          },
          actor,
        ),
      );
      await engine.apply(lot.id, { type: 'OPEN_CALL', payload: { callPeriodDays: 10 } }, actor);
      if ((index + 1) % 2000 === 0) say(`  setup: ${index + 1} lots open`);
    });
    const openedMs = Date.now() - setupStarted;
    say(`  setup: ${LOTS} lots created and opened through the engine in ${seconds(openedMs)}`);
    // The calls' own effects (their 10-day jobs, reminders, notifications) settle first.
    const notifications = worker.get(NotificationQueues).notifications;
    const settled = await waitFor(async () => {
      const counts = await notifications.getJobCounts('waiting', 'active', 'prioritized');
      return (
        (await unsentOutbox(
          (sql, parameters) => dataSource.query(sql, parameters),
          [DeadlineTopic.Schedule, DeadlineTopic.Unschedule, NOTIFY_TOPIC],
        )) === 0 && counts.waiting + counts.active + counts.prioritized === 0
      );
    }, Date.now() + 600_000);
    if (!settled) throw new Error('the calls’ notifications did not settle within 10 minutes');
    const setupMs = Date.now() - setupStarted;
    say(`  setup: their notifications and jobs settled after ${seconds(setupMs - openedMs)} more`);

    const window = await moveCallDeadlines((sql, parameters) => dataSource.query(sql, parameters), {
      inSeconds: LEAD_S,
      spreadSeconds: SPREAD_S,
    });
    if (window.moved !== LOTS) throw new Error(`moved ${window.moved} deadlines, expected ${LOTS}`);
    const scheduledAt = Date.now();
    const stop = measureLoad();
    await waitFor(
      async () =>
        (await unsentOutbox(
          (sql, parameters) => dataSource.query(sql, parameters),
          [DeadlineTopic.Schedule, DeadlineTopic.Unschedule, NOTIFY_TOPIC],
        )) === 0,
      window.lastDue.getTime(),
    );
    const relayMs = Date.now() - scheduledAt;
    const relayedInTime = Date.now() < window.firstDue.getTime();
    say(`  relay: ${LOTS} deadline jobs enqueued in ${seconds(relayMs)}`);

    const cutoff = window.lastDue.getTime() + GRACE_S * 1000;
    const firedCount = async () => {
      const [row] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM lot_deadlines
         WHERE kind = 'callClose' AND fired_at IS NOT NULL`,
      )) as [{ n: number }];
      return row.n;
    };
    await waitFor(async () => (await firedCount()) >= LOTS, cutoff, 500);
    const load = stop();

    const rows = (await dataSource.query(
      `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS "lateMs",
              extract(epoch FROM fired_at) * 1000 AS "firedMs" FROM lot_deadlines
       WHERE kind = 'callClose' AND fired_at IS NOT NULL
         AND fired_at <= $1::timestamptz + make_interval(secs => $2)`,
      [window.lastDue, GRACE_S],
    )) as { lateMs: string; firedMs: string }[];
    const firedAt = rows.map((row) => Number(row.firedMs));
    // One statement, one snapshot: the worker still runs.
    const [counts] = (await dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM lot_deadlines
            WHERE kind = 'callClose' AND fired_at IS NOT NULL) AS fired,
         (SELECT count(*)::int FROM (
            SELECT lot_id FROM audit_events WHERE event_type = 'CALL_DEADLINE'
            GROUP BY lot_id HAVING count(*) > 1) doubled) AS doubled,
         (SELECT count(*)::int FROM lots WHERE state <> 'callForBids.open') AS "stateChanged",
         (SELECT count(*)::int FROM lot_deadlines
            WHERE kind = 'callClose' AND last_error IS NOT NULL) AS failures`,
    )) as [{ fired: number; doubled: number; stateChanged: number; failures: number }];
    const sample = (await dataSource.query(
      `SELECT DISTINCT last_error AS e FROM lot_deadlines WHERE last_error IS NOT NULL LIMIT 3`,
    )) as { e: string }[];
    return {
      lateness: distribution(rows.map((row) => Number(row.lateMs))),
      missed: LOTS - rows.length,
      doubled: counts.doubled,
      firedPerSecond: rate(firedAt.length, Math.min(...firedAt), Math.max(...firedAt)),
      load,
      databasePoolSize: runtime.databasePoolSize,
      setupMs,
      relayMs,
      relayedInTime,
      fired: counts.fired,
      stateChanged: counts.stateChanged,
      failures: { count: counts.failures, sample: sample.map((row) => row.e) },
    };
  } finally {
    await worker?.close();
  }
}

function figures(outcome: Outcome): string[] {
  const { p50, p95, p99, max } = outcome.lateness;
  return [
    ...[p50, p95, p99, max].map((ms) => round(ms).toFixed(1)),
    String(outcome.missed),
    String(outcome.doubled),
    String(outcome.firedPerSecond),
    `${outcome.load.cpuPercent}%`,
    round(outcome.load.eventLoopDelayP99Ms).toFixed(1),
  ];
}

async function main(): Promise<void> {
  const machine = await machineFacts(BENCH_REDIS_URL);
  const run = randomBytes(4).toString('hex');
  say(
    `deadlines bench: ${LOTS} lots due over ${SPREAD_S} s (${round(LOTS / SPREAD_S, 0)}/s); ` +
      `${machine.cpuCount} × ` +
      `${machine.cpuModel}, node ${machine.node}, redis ${machine.redis} (hz ${machine.redisHz}), ` +
      `load average ${machine.loadAverage.join(' ')}`,
  );

  say(`raw BullMQ: ${LOTS} delayed jobs, bare Worker (concurrency ${DEADLINE_CONCURRENCY})`);
  const rawPrefix = `bench-${run}-raw`;
  let raw: Outcome;
  try {
    raw = await rawBaseline(rawPrefix);
  } finally {
    await deleteQueueKeys(BENCH_REDIS_URL, rawPrefix);
  }

  say('soczakaz: lot engine → lot_deadlines → outbox relay → deadline queue → processor');
  const prefix = `bench-${run}`;
  const database = await createBenchDatabase();
  let real: SystemOutcome;
  try {
    real = await realDeadlines(database, prefix);
  } finally {
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
    await database.drop();
  }

  const goalMet =
    real.lateness.p99 <= GOAL.p99Ms && real.missed === GOAL.missed && real.doubled === GOAL.doubled;
  say('');
  say(
    table([
      [
        'lateness (ms)',
        'p50',
        'p95',
        'p99',
        'max',
        'missed',
        'doubled',
        'fired/s',
        'cpu',
        'loop p99',
      ],
      ['raw BullMQ', ...figures(raw)],
      ['soczakaz deadlines', ...figures(real)],
      [
        'ratio to raw',
        ...(['p50', 'p95', 'p99', 'max'] as const).map((q) =>
          ratio(real.lateness[q], raw.lateness[q]),
        ),
        '',
        '',
        '',
        '',
        '',
      ],
    ]),
  );
  say('fired/s: due work done per second; cpu: this process, % of one core (PostgreSQL and');
  say('Redis not counted); loop p99: event-loop delay (ms)');
  say('');
  say(
    `CALL_DEADLINE: fired ${real.fired}/${LOTS}, lots moved ${real.stateChanged}, failures ${real.failures.count}` +
      (real.failures.sample.length > 0 ? ` (${real.failures.sample.join(' | ')})` : ''),
  );
  say(
    `relay: all ${LOTS} jobs enqueued in ${seconds(real.relayMs)} ` +
      `(${real.relayedInTime ? 'before' : 'NOT before'} the first fell due, ${LEAD_S} s after scheduling)`,
  );
  say(
    `goal (issue #8): p99 ≤ ${GOAL.p99Ms} ms, missed 0, doubled 0: ${goalMet ? 'met' : 'NOT met'}`,
  );
  const file = await writeResult('deadlines', {
    timestamp: new Date().toISOString(),
    machine,
    config: {
      lots: LOTS,
      spreadSeconds: SPREAD_S,
      leadSeconds: LEAD_S,
      graceSeconds: GRACE_S,
      deadlineConcurrency: DEADLINE_CONCURRENCY,
      databasePoolSize: real.databasePoolSize,
    },
    raw,
    soczakaz: real,
    ratios: Object.fromEntries(
      (['p50', 'p95', 'p99', 'max'] as const).map((q) => [
        q,
        round(real.lateness[q] / raw.lateness[q], 2),
      ]),
    ),
    goal: { ...GOAL, met: goalMet },
  });
  say(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`deadlines bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
