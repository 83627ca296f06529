import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { inParallel } from '../../bench/support.js';
import { DEADLINE_CONCURRENCY } from '../../src/deadlines/deadline-worker.service.js';
import { createUaBuyer, openLot, type Buyer } from './support/api-client.js';
import { ChaosStack } from './support/chaos-stack.js';
import { moveCallDeadlines, repeatedEvents, versionAuditMismatches } from './support/deadlines.js';

/**
 * More deadlines than one worker takes at once (DEADLINE_CONCURRENCY): with two workers, each
 * holds some of them when they fall due.
 */
const LOTS = Math.round(DEADLINE_CONCURRENCY * 1.6);
/** BullMQ's defaults (lockDuration and stalledInterval 30 s): a dead worker's jobs return within a minute. */
const RECOVERY_MS = 90_000;

describe('a worker killed with SIGKILL while it holds deadline jobs (chaos)', () => {
  let stack: ChaosStack;
  let buyer: Buyer;
  let lotIds: string[];

  beforeAll(async () => {
    stack = await ChaosStack.start({ apis: 1, workers: 2 });
    buyer = await createUaBuyer(stack.api.baseUrl);
    lotIds = new Array<string>(LOTS);
    await inParallel(LOTS, 4, async (index) => {
      lotIds[index] = await openLot(stack.api.baseUrl, buyer, String(index + 1));
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('has the other worker retry its jobs: every deadline fires exactly once', async () => {
    const queue = stack.deadlineQueue();
    const countFired = async () => {
      const [{ n }] = await stack.postgres.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM lot_deadlines
         WHERE lot_id = ANY($1) AND kind = 'callClose' AND fired_at IS NOT NULL`,
        [lotIds],
      );
      return n;
    };
    // The lots stay locked by the test (the lock the engine takes) while their deadlines fall
    // due, so that every job is caught in flight inside the engine rather than done in a blink.
    let lock: pg.Client | undefined = await stack.postgres.connect();
    try {
      await lock.query('BEGIN');
      await lock.query(`SELECT id FROM lots WHERE id = ANY($1) FOR NO KEY UPDATE`, [lotIds]);
      await moveCallDeadlines(stack, lotIds, 3);
      await stack.eventually(
        'both workers hold every due job',
        async () => (await queue.getActiveCount()) === LOTS,
        30_000,
      );
      const killed = stack.workers[0];
      await killed.kill();
      expect(killed.running).toBe(false);
      await lock.query('ROLLBACK');
      await lock.end();
      lock = undefined;

      // The surviving worker finishes its own; the dead one's stay active under its lock.
      await sleep(5000);
      const orphaned = await queue.getActiveCount();
      expect(orphaned).toBeGreaterThanOrEqual(LOTS - DEADLINE_CONCURRENCY);
      expect(await countFired()).toBe(LOTS - orphaned);

      // BullMQ finds them stalled once the lock expires, and the other worker runs them.
      await stack.eventually(
        'every deadline has fired',
        async () => (await countFired()) === LOTS,
        RECOVERY_MS,
      );
    } finally {
      await lock?.end();
    }
    await stack.eventually(
      'no job is left active',
      async () => (await queue.getActiveCount()) === 0,
      10_000,
    );

    expect(await repeatedEvents(stack, 'CALL_DEADLINE')).toEqual([]);
    expect(await versionAuditMismatches(stack)).toEqual([]);
    const lots = await stack.postgres.query<{ state: string; version: number }>(
      `SELECT state, version FROM lots WHERE id = ANY($1)`,
      [lotIds],
    );
    // Created, call opened, closed by its deadline: three changes, no fourth.
    expect(lots).toEqual(lotIds.map(() => ({ state: 'unsuccessful', version: 3 })));
    const failed = await queue.getFailed();
    expect(failed.map((job) => `${job.id}: ${job.failedReason}`)).toEqual([]);
    expect(stack.workers[1].running).toBe(true);
  });
});
