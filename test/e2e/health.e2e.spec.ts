import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../src/queue/embedded-redis.js';
import { startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('health (e2e)', () => {
  let redis: EmbeddedRedis;
  let t: TestApp;

  beforeAll(async () => {
    // A Redis of this test's own, so that stopping it disturbs nobody else.
    redis = await startEmbeddedRedis();
    t = await startTestApp({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('reports a stopped Redis as not ready, with problem+json, and stays live', async () => {
    await redis.stop();
    const response = await t.http.get('/health/ready').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'not-ready',
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    await t.http.get('/health/live').expect(200);
  });
});
