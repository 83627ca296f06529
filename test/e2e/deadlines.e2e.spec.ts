import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service.js';
import { ProblemException } from '../../src/common/problem.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { Runtime } from '../../src/config/runtime.js';
import { DeadlineReconciler } from '../../src/deadlines/deadline-reconciler.service.js';
import { DeadlineQueues } from '../../src/deadlines/deadline-queues.js';
import { LotDeadline, reminderJobId } from '../../src/deadlines/lot-deadline.entity.js';
import { LotEngine } from '../../src/lots/lot-engine.service.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../src/queue/embedded-redis.js';
import { WorkerModule } from '../../src/worker.module.js';
import { openCall as publishCall } from '../fixtures/calls.js';
import { applyToLot } from '../fixtures/applications.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import {
  ADMIN_PASSWORD,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../fixtures/test-app.js';

/** Polls until `check` holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('durable deadlines (e2e, real PostgreSQL and a private Redis)', () => {
  let redis: EmbeddedRedis;
  let t: TestApp;
  let buyer: TestBuyer;
  let programmeId: string;
  const workers: INestApplicationContext[] = [];

  /** A worker process of its own (ROLE=worker), on the same database and Redis as the API. */
  async function startWorker(): Promise<INestApplicationContext> {
    const environment = loadEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ROLE: 'worker',
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: 'deadlines-test',
      MIGRATIONS_RUN: 'false',
    });
    const runtime = new Runtime(
      t.database.url,
      4,
      'external',
      redis.url,
      'external',
      TEST_JWT_SECRET,
    );
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(environment, runtime),
      {
        logger: false,
      },
    );
    await worker.init();
    workers.push(worker);
    return worker;
  }

  async function stopWorker(worker: INestApplicationContext): Promise<void> {
    await worker.close();
    workers.splice(workers.indexOf(worker), 1);
  }

  /** A UA lot (no hearing) with its call open: its callClose deadline is armed. */
  async function openCall(number: string): Promise<string> {
    const created = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        number,
        theme: `Профилактика ${number}`,
        territories: [{ name: 'Кропивницький', maxAmount: 22_999_980 }],
      })
      .expect(201);
    await publishCall(t, buyer, created.body.id, { callPeriodDays: 7 });
    const opened = await t.http
      .get(`/lots/${created.body.id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(opened.body.deadlines).toEqual([
      expect.objectContaining({
        kind: 'callClose',
        event: 'CALL_DEADLINE',
        dueAt: expect.any(String),
      }),
    ]);
    // Two applications, the UA minimum: the closing call goes on to evaluation.
    await applyToLot(t, created.body.id);
    await applyToLot(t, created.body.id);
    return created.body.id;
  }

  /**
   * Brings a lot's call deadline to `ms` from now, as if it had been set that way: the row moves
   * and its generation goes up (the 7-day job becomes stale); the reconciler adds the new job.
   */
  async function closeCallIn(lotId: string, ms: number): Promise<void> {
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() + make_interval(secs => $2), generation = generation + 1
       WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId, ms / 1000],
    );
  }

  const stateOf = async (lotId: string) =>
    (await t.http.get(`/lots/${lotId}`).auth(buyer.staffToken, { type: 'bearer' })).body
      .state as string;

  const deadlineEvents = async (lotId: string) =>
    (
      (await t.http.get(`/lots/${lotId}/history`).auth(buyer.staffToken, { type: 'bearer' }))
        .body as {
        eventType: string;
      }[]
    ).filter((entry) => entry.eventType === 'CALL_DEADLINE').length;

  beforeAll(async () => {
    redis = await startEmbeddedRedis();
    t = await startTestApp({ redisUrl: redis.url, env: { QUEUE_PREFIX: 'deadlines-test' } });
    buyer = await createBuyer(t, await t.login(t.adminEmail, ADMIN_PASSWORD), {
      name: 'Кропивницький міський центр соціальних служб',
      country: 'UA',
      timeZone: 'Europe/Kyiv',
    });
    const programme = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        title: 'Соціальне замовлення 2026',
        jurisdiction: 'UA',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency: 'UAH',
        totalBudget: 500_000_000,
        profileId: 'ua-competition',
      })
      .expect(201);
    programmeId = programme.body.id;
  }, 60_000);
  afterAll(async () => {
    for (const worker of [...workers]) await stopWorker(worker);
    await t.close();
    await redis.stop();
  });

  it('closes a call when its deadline falls due, by itself, once', async () => {
    const worker = await startWorker();
    const lotId = await openCall('1');
    await closeCallIn(lotId, 2000);
    await worker.get(DeadlineReconciler).reconcile();
    expect(
      await eventually(async () => (await stateOf(lotId)) === 'evaluation.admissibility'),
    ).toBe(true);
    const [deadline] = await t.database.query<LotDeadline>(
      `SELECT fired_at AS "firedAt", due_at AS "dueAt" FROM lot_deadlines WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    expect(deadline.firedAt?.getTime()).toBeGreaterThanOrEqual(deadline.dueAt.getTime());
    expect(await deadlineEvents(lotId)).toBe(1);
    await stopWorker(worker);
  });

  it('still closes it once when the worker that held it stopped and another starts', async () => {
    const first = await startWorker();
    const lotId = await openCall('2');
    await closeCallIn(lotId, 1500);
    await first.get(DeadlineReconciler).reconcile();
    await stopWorker(first);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await stateOf(lotId)).toBe('callForBids.open');
    await startWorker();
    expect(
      await eventually(async () => (await stateOf(lotId)) === 'evaluation.admissibility'),
    ).toBe(true);
    expect(await deadlineEvents(lotId)).toBe(1);
  });

  it('loses nothing when Redis is flushed: the reconciler restores the job from PostgreSQL', async () => {
    const worker = workers[0] ?? (await startWorker());
    const lotId = await openCall('3');
    await closeCallIn(lotId, 1500);
    await worker.get(DeadlineReconciler).reconcile();
    const client = new Redis(redis.url);
    await client.flushall();
    await client.quit();
    const report = await worker.get(DeadlineReconciler).reconcile();
    expect(report.restored).toBeGreaterThanOrEqual(1);
    expect(
      await eventually(async () => (await stateOf(lotId)) === 'evaluation.admissibility'),
    ).toBe(true);
    expect(await deadlineEvents(lotId)).toBe(1);
  });

  it('does not close early when an amendment extends the deadline', async () => {
    const worker = workers[0] ?? (await startWorker());
    const lotId = await openCall('4');
    await closeCallIn(lotId, 1500);
    await worker.get(DeadlineReconciler).reconcile();
    const amended = await t.http
      .post(`/lots/${lotId}/call/amendments`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ extendByDays: 7, note: 'Строк подання продовжено' })
      .expect(201);
    expect(amended.body.lotState).toBe('callForBids.open');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await stateOf(lotId)).toBe('callForBids.open');
    const [deadline] = await worker
      .get(DataSource)
      .query(
        `SELECT due_at AS "dueAt", fired_at AS "firedAt" FROM lot_deadlines WHERE lot_id = $1`,
        [lotId],
      );
    expect(deadline.firedAt).toBeNull();
    expect(new Date(deadline.dueAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await deadlineEvents(lotId)).toBe(0);
  });

  it('sends a reminder a day before the call closes, from a job the reconciler can rebuild', async () => {
    const worker = workers[0] ?? (await startWorker());
    const lotId = await openCall('6');
    // The deadline one day and two seconds away: its one-day reminder is two seconds away.
    await closeCallIn(lotId, 86_400_000 + 2000);
    const report = await worker.get(DeadlineReconciler).reconcile();
    expect(report.reminders).toBeGreaterThanOrEqual(1);
    const queue = worker.get(DeadlineQueues).deadlines;
    const [deadline] = await t.database.query<{ id: string; generation: number }>(
      `SELECT id, generation FROM lot_deadlines WHERE lot_id = $1`,
      [lotId],
    );
    const jobId = reminderJobId({ lotId, kind: 'callClose', generation: deadline.generation }, 1);
    expect(
      await eventually(async () => (await (await queue.getJob(jobId))?.getState()) === 'completed'),
    ).toBe(true);
    expect((await queue.getJob(jobId))?.returnvalue).toBe('fired');
    expect(await stateOf(lotId)).toBe('callForBids.open');
  });

  it('refuses an amendment that would leave too few days', async () => {
    const lotId = await openCall('5');
    await closeCallIn(lotId, 60_000);
    // POST /lots/{id}/call/amendments would add the missing days; sent bare, the guard refuses.
    const me = await t.http.get('/me').auth(buyer.staffToken, { type: 'bearer' }).expect(200);
    const staff = await t.app.get(AuthService).actorOf(me.body.id);
    if (!staff) throw new Error('the buyer’s staff member has no actor');
    const refused = await t.app
      .get(LotEngine)
      .apply(lotId, { type: 'AMEND_CALL', payload: { extendByDays: 1 } }, staff)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(422);
    expect(refused).toMatchObject({
      code: 'event-refused',
      extensions: { facts: { extendByDays: 1, daysRemaining: 1 } },
    });
  });
});
