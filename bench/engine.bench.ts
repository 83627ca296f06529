import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  applyLotEvent,
  startLot,
  type LotEvent,
  type LotEventType,
  type PersistedLotSnapshot,
} from '../workflows/index.js';
import { AppModule } from '../src/app.module.js';
import { hashEntry, verifyLots, type ChainedEntry } from '../src/audit/audit-chain.js';
import { Actor } from '../src/auth/actor.js';
import { Membership } from '../src/auth/membership.entity.js';
import { Organisation } from '../src/auth/organisation.entity.js';
import { User } from '../src/auth/user.entity.js';
import { LotEngine, SYSTEM_ACTOR } from '../src/lots/lot-engine.service.js';
import { Programme } from '../src/programmes/programme.entity.js';
import {
  BENCH_REDIS_URL,
  createBenchDatabase,
  deleteQueueKeys,
  distribution,
  inParallel,
  machineFacts,
  measureLoad,
  numberFromEnv,
  round,
  table,
  writeResult,
  type BenchDatabase,
  type Distribution,
  type ProcessLoad,
  benchConfiguration,
} from './support.js';

/**
 * `npm run bench:engine`: lot transitions per second through the lot engine (row lock, machine,
 * CAS on version, hash-chained audit entry, effects: deadline rows, OCDS releases, outbox rows),
 * CLIENTS clients each driving lots of its own, against a raw node-pg baseline doing the least
 * a transition needs (lock, CAS, chained audit insert) on lots of its own in the same tables.
 */
const SECONDS = numberFromEnv('BENCH_ENGINE_SECONDS', 30);
const WARMUP_S = numberFromEnv('BENCH_ENGINE_WARMUP_SECONDS', 5);
const CLIENTS = Math.round(numberFromEnv('BENCH_CLIENTS', 8));
/** Half Kyrgyz (hearing cycle), half Ukrainian (call amendments), driven in turn. */
const LOTS_PER_CLIENT = Math.max(2, Math.round(numberFromEnv('BENCH_ENGINE_LOTS_PER_CLIENT', 16)));
const SETUP_PARALLEL = 8;
/** Issue #8. */
const GOAL = { throughputRatio: 0.7 };

const say = (line: string) => process.stdout.write(`${line}\n`);

type ProfileId = 'kg-grant' | 'ua-competition';

interface Step {
  event: LotEventType;
  /** What the caller states; the engine adds the computed facts. */
  payload: Record<string, unknown>;
  /** Facts the engine computes, as the raw baseline writes them into its audit entries. */
  computed: Record<string, unknown>;
  /** A deadline event: sent by the engine itself, not by a user. */
  system: boolean;
  to: string;
}

/**
 * What real lots do over and over, with nothing to prepare between steps. A Kyrgyz lot goes to
 * its public hearing, registration closes, the hearing sends the draft back for revision, and
 * again; a Ukrainian lot opens its call once and then has it amended, each amendment moving the
 * closing by a day.
 */
const CYCLES: Record<ProfileId, Record<string, Step>> = {
  'kg-grant': {
    draft: {
      event: 'PUBLISH_FOR_HEARING',
      payload: {},
      computed: {},
      system: false,
      to: 'publicHearing.registration',
    },
    'publicHearing.registration': {
      event: 'HEARING_REGISTRATION_DEADLINE',
      payload: {},
      computed: {},
      system: true,
      to: 'publicHearing.discussion',
    },
    'publicHearing.discussion': {
      event: 'REVISE_DRAFT',
      payload: { reason: 'Публичные слушания: уточнить целевую группу и территорию' },
      computed: {},
      system: false,
      to: 'draft',
    },
  },
  'ua-competition': {
    draft: {
      event: 'OPEN_CALL',
      payload: { callPeriodDays: 10 },
      computed: {},
      system: false,
      to: 'callForBids.open',
    },
    'callForBids.open': {
      event: 'AMEND_CALL',
      payload: { extendByDays: 1 },
      computed: { daysRemaining: 10 },
      system: false,
      to: 'callForBids.open',
    },
  },
};

const CYCLE_EVENTS = Object.values(CYCLES).flatMap((cycle) =>
  Object.values(cycle).map((step) => step.event),
);

/**
 * The snapshot each state of a cycle stores, from the pure machine: the raw baseline writes
 * these so that its rows are the engine's size.
 */
function cycleSnapshots(): Map<string, PersistedLotSnapshot> {
  const snapshots = new Map<string, PersistedLotSnapshot>();
  for (const [profileId, cycle] of Object.entries(CYCLES)) {
    let { snapshot, stateName } = startLot(profileId);
    for (let walked = 0; walked < Object.keys(cycle).length; walked++) {
      const step = cycle[stateName];
      const event = { type: step.event, ...step.payload, ...step.computed } as LotEvent;
      const next = applyLotEvent(profileId, snapshot, event);
      if (!next.accepted || next.stateName !== step.to) {
        throw new Error(`${profileId}: ${step.event} from ${stateName} does not reach ${step.to}`);
      }
      ({ snapshot, stateName } = next);
      snapshots.set(`${profileId} ${stateName}`, snapshot);
    }
  }
  return snapshots;
}

/** A lot one client drives, as that client last left it (no one else touches it). */
interface DrivenLot {
  id: string;
  profileId: ProfileId;
  state: string;
}

interface Phase {
  transitions: number;
  /** Round trips to PostgreSQL per transition, BEGIN and COMMIT included. */
  statementsPerTransition: number;
  transitionsPerSecond: number;
  latencyMs: Distribution;
  perEvent: Record<string, Distribution>;
  load: ProcessLoad;
}

/**
 * Counts the statements every node-pg client sends (TypeORM's driver is this same `pg`): how
 * many round trips a transition costs explains much of its latency.
 */
const statements = { sent: 0 };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements.sent++;
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

/**
 * Each client takes its lots in turn, one transition at a time, until the time is up (a warm-up
 * also until every lot moved once, so that each Ukrainian call is open before timing).
 */
async function drive(
  clients: readonly DrivenLot[][],
  seconds: number,
  transit: (lot: DrivenLot, step: Step) => Promise<void>,
  everyLotOnce = false,
): Promise<Phase> {
  const samples = new Map<string, number[]>();
  const stop = measureLoad();
  const sentBefore = statements.sent;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    clients.map(async (lots) => {
      for (
        let turn = 0;
        performance.now() < until || (everyLotOnce && turn < lots.length);
        turn++
      ) {
        const lot = lots[turn % lots.length];
        const step = CYCLES[lot.profileId][lot.state];
        const sent = performance.now();
        await transit(lot, step);
        const latency = performance.now() - sent;
        lot.state = step.to;
        const list = samples.get(step.event) ?? [];
        list.push(latency);
        samples.set(step.event, list);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const load = stop();
  const all = [...samples.values()].flat();
  return {
    transitions: all.length,
    statementsPerTransition: round((statements.sent - sentBefore) / all.length, 1),
    transitionsPerSecond: round((all.length * 1000) / elapsedMs, 0),
    latencyMs: distribution(all),
    perEvent: Object.fromEntries([...samples].map(([event, list]) => [event, distribution(list)])),
    load,
  };
}

/** A buyer in each jurisdiction, one staff member of both, and a programme in each. */
async function buyersWithProgrammes(dataSource: DataSource) {
  return dataSource.transaction(async (manager) => {
    const user = await manager.save(
      manager.create(User, {
        email: 'bench-staff@bench.soczakaz.local',
        fullName: 'Bench staff',
        locale: 'ru',
        isAdmin: false,
        active: true,
        passwordHash: 'not used: the bench acts through the engine',
      }),
    );
    const buyers = [
      {
        profileId: 'kg-grant' as const,
        name: 'Министерство труда, социального обеспечения и миграции КР',
        country: 'KG' as const,
        timeZone: 'Asia/Bishkek',
        currency: 'KGS',
        territory: 'Ошская обл.',
      },
      {
        profileId: 'ua-competition' as const,
        name: 'Кропивницький міський центр соціальних служб',
        country: 'UA' as const,
        timeZone: 'Europe/Kyiv',
        currency: 'UAH',
        territory: 'Кропивницький',
      },
    ];
    const programmes = new Map<ProfileId, Programme & { territory: string }>();
    const memberships = [];
    for (const buyer of buyers) {
      const organisation = await manager.save(
        manager.create(Organisation, {
          kind: 'buyer',
          name: buyer.name,
          country: buyer.country,
          timeZone: buyer.timeZone,
          registrationNumber: null,
          verificationStatus: 'verified',
        }),
      );
      await manager.save(
        manager.create(Membership, {
          userId: user.id,
          organisationId: organisation.id,
          role: 'buyer_staff',
        }),
      );
      memberships.push({
        organisationId: organisation.id,
        organisationName: organisation.name,
        organisationKind: 'buyer' as const,
        verificationStatus: 'verified' as const,
        role: 'buyer_staff' as const,
      });
      const programme = await manager.save(
        manager.create(Programme, {
          buyerId: organisation.id,
          title: `Социальный заказ: bench (${buyer.country})`,
          jurisdiction: buyer.country,
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          currency: buyer.currency,
          totalBudget: 4 * CLIENTS * LOTS_PER_CLIENT * 22_999_980,
          profileId: buyer.profileId,
          timeZone: buyer.timeZone,
          createdBy: user.id,
        }),
      );
      programmes.set(buyer.profileId, Object.assign(programme, { territory: buyer.territory }));
    }
    const actor = new Actor(user.id, user.email, user.locale, false, memberships);
    return { actor, programmes };
  });
}

/** CLIENTS sets of LOTS_PER_CLIENT draft lots, created through the engine (not timed). */
async function createLots(
  dataSource: DataSource,
  engine: LotEngine,
  actor: Actor,
  programmes: Map<ProfileId, Programme & { territory: string }>,
  label: string,
): Promise<DrivenLot[][]> {
  const clients: DrivenLot[][] = Array.from({ length: CLIENTS }, () => []);
  await inParallel(CLIENTS * LOTS_PER_CLIENT, SETUP_PARALLEL, async (index) => {
    const profileId: ProfileId = index % 2 === 0 ? 'kg-grant' : 'ua-competition';
    const programme = programmes.get(profileId);
    if (!programme) throw new Error(`no ${profileId} programme`);
    const lot = await dataSource.transaction((manager) =>
      engine.create(
        manager,
        {
          programmeId: programme.id,
          buyerId: programme.buyerId,
          currency: programme.currency,
          profileId,
          number: `${label}-${index + 1}`,
          section: null,
          theme: `Социальная профилактика ${index + 1}`,
          recipients: null,
          goals: null,
          tasks: null,
          territories: [{ name: programme.territory, maxAmount: 22_999_980 }],
          maxAmount: 22_999_980,
          durationMonths: 12,
          expectedResults: null,
          indicatorTargets: [],
          eligibility: ['ngo'],
        },
        actor,
      ),
    );
    clients[Math.floor(index / LOTS_PER_CLIENT)].push({ id: lot.id, profileId, state: lot.state });
  });
  return clients;
}

/**
 * The floor: one transaction of five statements on a pooled node-pg client. The lock also reads
 * the database clock and the previous entry's hash; the entry is hashed as the audit log does.
 */
function rawTransition(pool: pg.Pool, actor: Actor, snapshots: Map<string, PersistedLotSnapshot>) {
  return async (lot: DrivenLot, step: Step): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const {
        rows: [locked],
      } = await client.query<{ version: number; state: string; now: Date; prevHash: string }>(
        `SELECT l.*, date_trunc('milliseconds', now()) AS now,
                (SELECT a.hash FROM audit_events a WHERE a.lot_id = l.id
                 ORDER BY a.seq DESC LIMIT 1) AS "prevHash"
         FROM lots l WHERE l.id = $1 FOR NO KEY UPDATE OF l`,
        [lot.id],
      );
      const swapped = await client.query(
        `UPDATE lots SET state = $2, snapshot = $3, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $4`,
        [lot.id, step.to, snapshots.get(`${lot.profileId} ${step.to}`), locked.version],
      );
      if (swapped.rowCount !== 1) throw new Error(`lot ${lot.id} changed under the raw client`);
      const entry: ChainedEntry = {
        lotId: lot.id,
        seq: locked.version + 1,
        occurredAt: locked.now,
        actorUserId: step.system ? null : actor.userId,
        actorRole: step.system ? SYSTEM_ACTOR : 'buyer_staff',
        eventType: step.event,
        fromState: locked.state,
        toState: step.to,
        payload: { ...step.payload, ...step.computed },
        prevHash: locked.prevHash,
      };
      await client.query(
        `INSERT INTO audit_events (lot_id, seq, occurred_at, actor_user_id, actor_role,
           event_type, from_state, to_state, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          entry.lotId,
          entry.seq,
          entry.occurredAt,
          entry.actorUserId,
          entry.actorRole,
          entry.eventType,
          entry.fromState,
          entry.toState,
          entry.payload,
          entry.prevHash,
          hashEntry(entry),
        ],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
}

function engineTransition(engine: LotEngine, actor: Actor) {
  return async (lot: DrivenLot, step: Step): Promise<void> => {
    const { transition } = await engine.apply(
      lot.id,
      { type: step.event, payload: step.payload },
      step.system ? SYSTEM_ACTOR : actor,
    );
    if (transition.stateName !== step.to) {
      throw new Error(
        `${step.event} took lot ${lot.id} to ${transition.stateName}, not ${step.to}`,
      );
    }
  };
}

interface Integrity {
  lots: number;
  /** Lots whose version is their count of audit entries and their last entry's seq. */
  consistent: number;
  /** Transitions the clients saw succeed (warm-up included), and what the lots record. */
  transitionsDone: number;
  transitionsRecorded: number;
  /** Lots whose audit chain verifies (src/audit's verifier). */
  chainsValid: number;
}

/** No lost or doubled transition: every lot's version equals its number of audit entries. */
async function integrity(
  dataSource: DataSource,
  clients: readonly DrivenLot[][],
  transitionsDone: number,
): Promise<Integrity> {
  const ids = clients.flat().map((lot) => lot.id);
  const rows = (await dataSource.query(
    `SELECT l.version, count(a.id)::int AS entries, coalesce(max(a.seq), 0) AS "lastSeq"
     FROM lots l LEFT JOIN audit_events a ON a.lot_id = l.id
     WHERE l.id = ANY($1) GROUP BY l.id, l.version`,
    [ids],
  )) as { version: number; entries: number; lastSeq: number }[];
  const verdicts = await verifyLots(dataSource, ids);
  return {
    lots: ids.length,
    consistent: rows.filter((row) => row.version === row.entries && row.lastSeq === row.version)
      .length,
    transitionsDone,
    // Creation is version 1 and audit entry 1, not a transition.
    transitionsRecorded: rows.reduce((sum, row) => sum + row.version - 1, 0),
    chainsValid: verdicts.filter(({ verdict }) => verdict.valid).length,
  };
}

const intact = (check: Integrity) =>
  check.consistent === check.lots &&
  check.chainsValid === check.lots &&
  check.transitionsRecorded === check.transitionsDone;

/** Rows the engine's transitions wrote besides the lot and its audit entry, per transition. */
async function effectsPerTransition(
  dataSource: DataSource,
  clients: readonly DrivenLot[][],
  transitions: number,
) {
  const ids = clients.flat().map((lot) => lot.id);
  const counted = (await dataSource.query(
    `SELECT 'outbox ' || topic AS what, count(*)::int AS n FROM outbox
       WHERE lot_id = ANY($1) GROUP BY topic
     UNION ALL SELECT 'ocds releases', count(*)::int FROM ocds_releases WHERE lot_id = ANY($1)
     ORDER BY what`,
    [ids],
  )) as { what: string; n: number }[];
  return Object.fromEntries(counted.map(({ what, n }) => [what, round(n / transitions, 2)]));
}

interface Outcome {
  raw: Phase;
  soczakaz: Phase;
  rawIntegrity: Integrity;
  integrity: Integrity;
  effects: Record<string, number>;
  databasePoolSize: number;
}

/**
 * One fresh database, the API process's composition (ROLE=api: every module that registers
 * effect handlers, facts and transition listeners; the outbox relay is the worker's and does not
 * run, so outbox rows stay for it). Raw first, then the engine, each warmed up before timing.
 */
async function benchmark(database: BenchDatabase, prefix: string): Promise<Outcome> {
  const { environment, runtime } = benchConfiguration(database, {
    ROLE: 'api',
    QUEUE_PREFIX: prefix,
    ADMIN_PASSWORD: randomBytes(24).toString('base64url'),
  });
  let api: INestApplicationContext | undefined;
  const pool = new pg.Pool({ connectionString: database.url, max: runtime.databasePoolSize });
  try {
    api = await NestFactory.createApplicationContext(
      AppModule.forRoot(environment, runtime, { withWorker: false }),
      { logger: ['error'] },
    );
    const dataSource = api.get(DataSource);
    const engine = api.get(LotEngine);
    const { actor, programmes } = await buyersWithProgrammes(dataSource);
    const rawLots = await createLots(dataSource, engine, actor, programmes, 'raw');
    const engineLots = await createLots(dataSource, engine, actor, programmes, 'engine');
    say(`  setup: ${2 * CLIENTS * LOTS_PER_CLIENT} draft lots created through the engine`);

    const raw = rawTransition(pool, actor, cycleSnapshots());
    const rawWarmup = await drive(rawLots, WARMUP_S, raw, true);
    const rawPhase = await drive(rawLots, SECONDS, raw);
    say(`  raw node-pg: ${rawPhase.transitions} transitions in ${SECONDS} s`);

    const applied = engineTransition(engine, actor);
    const engineWarmup = await drive(engineLots, WARMUP_S, applied, true);
    const enginePhase = await drive(engineLots, SECONDS, applied);
    say(`  soczakaz engine: ${enginePhase.transitions} transitions in ${SECONDS} s`);

    const engineDone = engineWarmup.transitions + enginePhase.transitions;
    return {
      raw: rawPhase,
      soczakaz: enginePhase,
      rawIntegrity: await integrity(
        dataSource,
        rawLots,
        rawWarmup.transitions + rawPhase.transitions,
      ),
      integrity: await integrity(dataSource, engineLots, engineDone),
      effects: await effectsPerTransition(dataSource, engineLots, engineDone),
      databasePoolSize: runtime.databasePoolSize,
    };
  } finally {
    await pool.end();
    await api?.close();
  }
}

function figures(phase: Phase): string[] {
  const { p50, p95, p99, max } = phase.latencyMs;
  return [
    String(phase.transitions),
    String(phase.transitionsPerSecond),
    phase.statementsPerTransition.toFixed(1),
    ...[p50, p95, p99, max].map((ms) => round(ms, 2).toFixed(2)),
    `${phase.load.cpuPercent}%`,
    round(phase.load.eventLoopDelayP99Ms).toFixed(1),
  ];
}

const ratioOf = (value: number, baseline: number) =>
  baseline > 0 ? round(value / baseline, 2) : NaN;
const shown = (ratio: number) => (Number.isNaN(ratio) ? '–' : `×${ratio.toFixed(2)}`);

function integrityLine(name: string, check: Integrity): string {
  return (
    `${name}: version = audit entries on ${check.consistent}/${check.lots} lots, ` +
    `chains valid ${check.chainsValid}/${check.lots}, transitions done ${check.transitionsDone}, ` +
    `recorded ${check.transitionsRecorded}: ${intact(check) ? 'none lost or doubled' : 'MISMATCH'}`
  );
}

async function main(): Promise<void> {
  const machine = await machineFacts(BENCH_REDIS_URL);
  say(
    `engine bench: ${CLIENTS} clients × ${LOTS_PER_CLIENT} lots each, ${WARMUP_S} s warm-up + ` +
      `${SECONDS} s timed; ${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')}`,
  );
  say('cycles: kg-grant PUBLISH_FOR_HEARING → HEARING_REGISTRATION_DEADLINE → REVISE_DRAFT;');
  say('        ua-competition OPEN_CALL once, then AMEND_CALL (+1 day) over and over');
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const database = await createBenchDatabase();
  let outcome: Outcome;
  try {
    outcome = await benchmark(database, prefix);
  } finally {
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
    await database.drop();
  }
  const { raw, soczakaz } = outcome;
  const ratios = {
    throughput: ratioOf(soczakaz.transitionsPerSecond, raw.transitionsPerSecond),
    ...Object.fromEntries(
      (['p50', 'p95', 'p99', 'max'] as const).map((q) => [
        q,
        ratioOf(soczakaz.latencyMs[q], raw.latencyMs[q]),
      ]),
    ),
  } as Record<'throughput' | 'p50' | 'p95' | 'p99' | 'max', number>;
  const correct = intact(outcome.integrity) && intact(outcome.rawIntegrity);
  const goalMet = ratios.throughput >= GOAL.throughputRatio && correct;

  say('');
  say(
    table([
      [
        'per transition (ms)',
        'count',
        'tx/s',
        'statements',
        'p50',
        'p95',
        'p99',
        'max',
        'cpu',
        'loop p99',
      ],
      ['raw node-pg', ...figures(raw)],
      ['soczakaz engine', ...figures(soczakaz)],
      [
        'ratio to raw',
        '',
        shown(ratios.throughput),
        shown(ratioOf(soczakaz.statementsPerTransition, raw.statementsPerTransition)),
        shown(ratios.p50),
        shown(ratios.p95),
        shown(ratios.p99),
        shown(ratios.max),
        '',
        '',
      ],
    ]),
  );
  say('cpu: this process (the bench and the engine), % of one core; PostgreSQL not counted;');
  say('statements: round trips to PostgreSQL per transition; loop p99: event-loop delay (ms)');
  say('');
  say(
    table([
      ['per event (ms)', 'count', 'p50', 'p95', 'p99', 'raw p50', 'raw p99'],
      ...CYCLE_EVENTS.flatMap((event) => {
        const latency = soczakaz.perEvent[event] as Distribution | undefined;
        return latency ? [[event, latency] as const] : [];
      }).map(([event, latency]) => [
        event,
        String(latency.count),
        ...[latency.p50, latency.p95, latency.p99].map((ms) => round(ms, 2).toFixed(2)),
        ...[raw.perEvent[event]?.p50, raw.perEvent[event]?.p99].map((ms) =>
          ms === undefined ? '–' : round(ms, 2).toFixed(2),
        ),
      ]),
    ]),
  );
  say('');
  say(
    `effects per engine transition: ${Object.entries(outcome.effects)
      .map(([what, n]) => `${what} ${n}`)
      .join(', ')}`,
  );
  say(integrityLine('engine lots', outcome.integrity));
  say(integrityLine('raw lots', outcome.rawIntegrity));
  say(
    `goal (issue #8): engine ≥ ${GOAL.throughputRatio} × raw transitions/s, none lost or ` +
      `doubled: ${goalMet ? 'met' : 'NOT met'} (×${ratios.throughput.toFixed(2)})`,
  );
  const file = await writeResult('engine', {
    timestamp: new Date().toISOString(),
    machine,
    config: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_S,
      clients: CLIENTS,
      lotsPerClient: LOTS_PER_CLIENT,
      databasePoolSize: outcome.databasePoolSize,
      composition: 'ROLE=api (outbox relay not running)',
      cycles: Object.fromEntries(
        Object.entries(CYCLES).map(([profile, cycle]) => [
          profile,
          Object.values(cycle).map((step) => step.event),
        ]),
      ),
    },
    raw,
    soczakaz,
    ratios,
    integrity: { soczakaz: outcome.integrity, raw: outcome.rawIntegrity },
    effectsPerTransition: outcome.effects,
    goal: { ...GOAL, met: goalMet },
  });
  say(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`engine bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
