import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { QueueName } from '../../src/queue/queues.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

const COOKIE = 'soczakaz_queue_session';

/** A problem+json answer of the dashboard's guard, with the request id it was given. */
function expectProblem(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: `urn:soczakaz:problem:${code}` });
  expect(response.body.requestId).toBe(response.headers['x-request-id']);
}

/** The session cookie's `name=value`, and its attributes as the server set them. */
function sessionCookie(response: Response): { pair: string; attributes: string[] } {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = header.find((line) => line.startsWith(`${COOKIE}=`));
  if (!cookie) throw new Error(`no ${COOKIE} cookie in ${JSON.stringify(header)}`);
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { pair, attributes };
}

describe('queue dashboard at /admin/queues (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken);
  });
  afterAll(async () => t.close());

  it('answers 401 problem+json to anonymous callers and bad tokens, on every dashboard path', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/x.js']) {
      expectProblem(await t.http.get(path), 401, 'unauthenticated');
    }
    expectProblem(
      await t.http.get('/admin/queues/api/queues').auth('not-a-jwt', { type: 'bearer' }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http.put('/admin/queues/api/queues/deadlines/promote'),
      401,
      'unauthenticated',
    );
  });

  it('answers 403 problem+json to a signed-in user who is not an admin', async () => {
    const response = await t.http
      .get('/admin/queues/api/queues')
      .auth(buyer.staffToken, { type: 'bearer' });
    expectProblem(response, 403, 'role-required');
    expect(response.body.requiredRoles).toEqual(['admin']);
    expectProblem(
      await t.http.get('/admin/queues').auth(buyer.staffToken, { type: 'bearer' }),
      403,
      'role-required',
    );
  });

  it('serves the board and its API to an admin, listing every queue of the service', async () => {
    const page = await t.http.get('/admin/queues').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.headers['x-powered-by']).toBeUndefined();
    const api = await t.http
      .get('/admin/queues/api/queues')
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    const names = (api.body.queues as { name: string }[]).map((queue) => queue.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
    await t.http
      .get('/admin/queues/static/favicon-32x32.png')
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    const unknown = await t.http
      .get('/admin/queues/api/no-such-route')
      .auth(adminToken, { type: 'bearer' })
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('opens a browser session from an admin token: an HttpOnly, SameSite=Strict cookie for the board only', async () => {
    const opened = await t.http
      .post('/admin/queues/session')
      .auth(adminToken, { type: 'bearer' })
      .expect(204);
    const { pair, attributes } = sessionCookie(opened);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/admin/queues', 'HttpOnly', 'SameSite=Strict']),
    );
    expect(attributes.some((attribute) => attribute.startsWith('Max-Age='))).toBe(true);

    const api = await t.http.get('/admin/queues/api/queues').set('cookie', pair).expect(200);
    expect(api.body.queues).toHaveLength(Object.values(QueueName).length);
    await t.http.get('/admin/queues').set('cookie', `other=1; ${pair}`).expect(200);

    // The session opens the board only; an access token is no session.
    const session = pair.slice(COOKIE.length + 1);
    expectProblem(
      await t.http.get('/me').auth(session, { type: 'bearer' }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http.get('/admin/queues/api/queues').set('cookie', `${COOKIE}=${adminToken}`),
      401,
      'unauthenticated',
    );
    // A session is opened with an access token, not with another session.
    expectProblem(
      await t.http.post('/admin/queues/session').set('cookie', pair),
      401,
      'unauthenticated',
    );

    const closed = await t.http.delete('/admin/queues/session').set('cookie', pair).expect(204);
    expect(sessionCookie(closed).attributes).toEqual(
      expect.arrayContaining([
        'Path=/admin/queues',
        expect.stringMatching(/^Expires=Thu, 01 Jan 1970/),
      ]),
    );
  });

  it('opens no session for a non-admin, nor without a token, nor by GET', async () => {
    const refused = await t.http
      .post('/admin/queues/session')
      .auth(buyer.staffToken, { type: 'bearer' });
    expectProblem(refused, 403, 'role-required');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expectProblem(await t.http.post('/admin/queues/session'), 401, 'unauthenticated');
    const wrongMethod = await t.http
      .get('/admin/queues/session')
      .auth(adminToken, { type: 'bearer' });
    expectProblem(wrongMethod, 405, 'method-not-allowed');
    expect(wrongMethod.headers.allow).toBe('POST, DELETE');
  });

  it('keeps the caller’s request id and documents the session routes', async () => {
    const response = await t.http.get('/admin/queues').set('x-request-id', 'board-42');
    expectProblem(response, 401, 'unauthenticated');
    expect(response.body.requestId).toBe('board-42');
    const document = await t.http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(document.body.paths['/admin/queues/session'])).toEqual(['post', 'delete']);
  });
});
