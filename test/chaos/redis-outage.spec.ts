import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  amendment,
  call,
  cancellation,
  createUaBuyer,
  openLot,
  type Buyer,
  type Reply,
} from './support/api-client.js';
import { ChaosStack } from './support/chaos-stack.js';
import {
  missingDeadlineJobs,
  firedDeadlines,
  moveCallDeadlines,
  repeatedEvents,
  unsentOutbox,
  versionAuditMismatches,
} from './support/deadlines.js';

const OUTAGE_MS = 10_000;
/** Concurrent clients, each amending lots of its own one after another. */
const LANES = 4;
const LOTS_PER_LANE = 2;
/** Cancelled while Redis is away: their notifications wait in the outbox. */
const CANCELLED = 3;
/** Their deadlines fall due while Redis is away: their jobs can only be added after. */
const DUE_IN_OUTAGE = 4;
/** Their deadlines are an hour ahead, their jobs in Redis before it goes: lost with it. */
const AHEAD = 4;

interface Sent {
  lotId: string;
  note: string;
  reply: Reply;
  whileDown: boolean;
}

describe('Redis stopped for 10 s during traffic, then flushed (chaos)', () => {
  let stack: ChaosStack;
  let buyer: Buyer;
  let laneLots: string[][];
  let cancelled: string[];
  let dueInOutage: string[];
  let ahead: string[];

  beforeAll(async () => {
    stack = await ChaosStack.start({ apis: 1, workers: 1 });
    const { baseUrl } = stack.api;
    buyer = await createUaBuyer(baseUrl, LANES);
    const open = async (count: number, label: string) => {
      const ids: string[] = [];
      for (let index = 0; index < count; index++) {
        ids.push(await openLot(baseUrl, buyer, `${label}.${index + 1}`));
      }
      return ids;
    };
    laneLots = [];
    for (let lane = 0; lane < LANES; lane++) laneLots.push(await open(LOTS_PER_LANE, `1${lane}`));
    cancelled = await open(CANCELLED, '2');
    dueInOutage = await open(DUE_IN_OUTAGE, '3');
    ahead = await open(AHEAD, '4');
    await moveCallDeadlines(stack, ahead, 3600);
    await stack.eventually(
      'every effect is in Redis before the outage',
      async () =>
        (await unsentOutbox(stack)) === 0 && (await missingDeadlineJobs(stack)).length === 0,
      30_000,
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps accepting changes while Redis is away, delivers everything after, and restores the deadline jobs after FLUSHALL', async () => {
    const { baseUrl } = stack.api;
    const sent: Sent[] = [];
    let redisDown = false;
    let trafficOn = true;
    const lanes = laneLots.map(async (lots, lane) => {
      for (let round = 0; trafficOn; round++) {
        const lotId = lots[round % lots.length];
        const note = `lane ${lane} round ${round}`;
        const whileDown = redisDown;
        const reply = await amendment(baseUrl, buyer.staff[lane].token, lotId, note);
        sent.push({ lotId, note, reply, whileDown: whileDown && redisDown });
        await sleep(50);
      }
    });

    await sleep(1000);
    await stack.stopRedis();
    redisDown = true;
    const stoppedAt = Date.now();
    const notReady = await call(baseUrl, 'GET', '/health/ready');
    expect({ status: notReady.status, body: notReady.body }).toMatchObject({
      status: 503,
      body: {
        code: 'not-ready',
        checks: { redis: { status: 'down' }, database: { status: 'up' } },
      },
    });
    await moveCallDeadlines(stack, dueInOutage, 3);
    const cancellations = await Promise.all(
      cancelled.map((lotId, index) =>
        cancellation(baseUrl, buyer.staff[0].token, lotId, `cancelled during the outage ${index}`),
      ),
    );
    const outboxEarly = await unsentOutbox(stack);
    await sleep(OUTAGE_MS - (Date.now() - stoppedAt) - 500);
    const outboxLate = await unsentOutbox(stack);
    redisDown = false;
    await stack.startRedis();
    await sleep(2000);
    trafficOn = false;
    await Promise.all(lanes);

    // Every change was accepted, those made while Redis was away too.
    expect(cancellations.map((reply) => [reply.status, reply.body.state])).toEqual(
      cancelled.map(() => [200, 'cancelled']),
    );
    const refused = sent.filter(({ reply }) => reply.status !== 201);
    expect(
      refused.map(({ note, reply }) => ({ note, status: reply.status, body: reply.body })),
    ).toEqual([]);
    expect(sent.filter(({ whileDown }) => whileDown).length).toBeGreaterThan(10);
    // Their effects waited in the outbox meanwhile, and the outbox grew.
    expect(outboxEarly).toBeGreaterThan(0);
    expect(outboxLate).toBeGreaterThan(outboxEarly);

    // After Redis returns: all of it delivered.
    await stack.eventually(
      'the outbox is drained',
      async () => (await unsentOutbox(stack)) === 0,
      60_000,
    );
    await stack.eventually(
      'the deadlines due during the outage have fired',
      async () => (await firedDeadlines(stack, dueInOutage)) === DUE_IN_OUTAGE,
      30_000,
    );
    // The jobs Redis lost (deadlines an hour ahead) are back: the reconciler restored them.
    await stack.eventually(
      'every pending deadline has its job again',
      async () => (await missingDeadlineJobs(stack)).length === 0,
      40_000,
    );
    const staffCount = buyer.staff.length;
    await stack.eventually(
      'the cancelled and unsuccessful lots’ notifications reached the buyer’s staff',
      async () => {
        const [{ n }] = await stack.postgres.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications
           WHERE (name = 'lot.cancelled' AND lot_id = ANY($1))
              OR (name = 'lot.unsuccessful' AND lot_id = ANY($2))`,
          [cancelled, dueInOutage],
        );
        return n === (CANCELLED + DUE_IN_OUTAGE) * staffCount;
      },
      30_000,
    );

    // Every accepted amendment is there once: one announcement version, one audit entry.
    const announcements = await stack.postgres.query<{ note: string; n: number }>(
      `SELECT note, count(*)::int AS n FROM call_announcements WHERE version > 1 GROUP BY note`,
    );
    expect(new Map(announcements.map(({ note, n }) => [note, n]))).toEqual(
      new Map(sent.map(({ note }) => [note, 1])),
    );
    const [{ amended }] = await stack.postgres.query<{ amended: number }>(
      `SELECT count(*)::int AS amended FROM audit_events WHERE event_type = 'AMEND_CALL'`,
    );
    expect(amended).toBe(sent.length);
    expect(await versionAuditMismatches(stack)).toEqual([]);
    expect(await repeatedEvents(stack, 'CALL_DEADLINE')).toEqual([]);
    const states = await stack.postgres.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = ANY($1)`,
      [dueInOutage],
    );
    expect(states.map(({ state }) => state)).toEqual(dueInOutage.map(() => 'unsuccessful'));

    // FLUSHALL: every job and the reconciler's own schedule gone; the reconciler comes back.
    await stack.redisClient().flushall();
    expect((await missingDeadlineJobs(stack)).length).toBeGreaterThanOrEqual(AHEAD);
    await stack.eventually(
      'every pending deadline has its job again after FLUSHALL',
      async () => (await missingDeadlineJobs(stack)).length === 0,
      40_000,
    );
  });
});
