import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deadlineJobId } from '../../src/deadlines/lot-deadline.entity.js';
import { amendment, call, createUaBuyer, openLot, type Buyer } from './support/api-client.js';
import { ChaosStack } from './support/chaos-stack.js';
import { unsentOutbox } from './support/deadlines.js';

describe('PostgreSQL restarted under a running API and worker (chaos)', () => {
  let stack: ChaosStack;
  let buyer: Buyer;
  let lotId: string;

  beforeAll(async () => {
    stack = await ChaosStack.start({ apis: 1, workers: 1 });
    buyer = await createUaBuyer(stack.api.baseUrl);
    lotId = await openLot(stack.api.baseUrl, buyer, '1');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 503 not-ready while the database is down, recovers without a restart, and takes writes again', async () => {
    const { baseUrl } = stack.api;
    const apiPid = stack.api.pid;
    const workerPid = stack.workers[0].pid;
    expect((await call(baseUrl, 'GET', '/health/ready')).status).toBe(200);

    await stack.postgres.stopServer();
    const down = await call(baseUrl, 'GET', '/health/ready');
    expect({ status: down.status, contentType: down.contentType, body: down.body }).toMatchObject({
      status: 503,
      contentType: expect.stringMatching(/^application\/problem\+json/),
      body: {
        code: 'not-ready',
        checks: { database: { status: 'down' }, redis: { status: 'up' } },
      },
    });
    expect((await call(baseUrl, 'GET', '/health/live')).status).toBe(200);
    // A change asked for meanwhile is refused as unavailable, never half done or a 500.
    const refused = await amendment(
      baseUrl,
      buyer.staff[0].token,
      lotId,
      'while the database is down',
    );
    expect({ status: refused.status, contentType: refused.contentType }).toEqual({
      status: 503,
      contentType: expect.stringMatching(/^application\/problem\+json/),
    });

    await stack.postgres.startServer();
    await stack.eventually(
      'GET /health/ready answers 200 again',
      async () => (await call(baseUrl, 'GET', '/health/ready')).status === 200,
      30_000,
    );
    const written = await amendment(baseUrl, buyer.staff[0].token, lotId, 'after the restart');
    expect({ status: written.status, lotVersion: written.body.lotVersion }).toEqual({
      status: 201,
      lotVersion: 3,
    });
    // The worker came through too: it hands the amendment's new deadline job to Redis.
    await stack.eventually(
      'the outbox is drained',
      async () => (await unsentOutbox(stack)) === 0,
      30_000,
    );
    const [deadline] = await stack.postgres.query<{
      lotId: string;
      kind: string;
      generation: number;
    }>(`SELECT lot_id AS "lotId", kind, generation FROM lot_deadlines WHERE lot_id = $1`, [lotId]);
    expect(deadline.generation).toBe(2);
    expect(await stack.deadlineQueue().getJob(deadlineJobId(deadline))).toBeDefined();
    expect([
      stack.api.pid,
      stack.api.running,
      stack.workers[0].pid,
      stack.workers[0].running,
    ]).toEqual([apiPid, true, workerPid, true]);
  });
});
