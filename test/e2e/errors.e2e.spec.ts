import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('errors and documentation (e2e)', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('lists every invalid field of a body as problem+json', async () => {
    const response = await t.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: '', country: 'kyrgyzstan', timeZone: 'Mars/Base' },
        user: { email: 'nope' },
      })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('validation-failed');
    const fields = (response.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual([
      'organisation.country',
      'organisation.name',
      'organisation.timeZone',
      'user.email',
      'user.fullName',
      'user.password',
    ]);
  });

  it('rejects unknown fields', async () => {
    const response = await t.http
      .post('/auth/login')
      .send({ email: t.adminEmail, password: ADMIN_PASSWORD, isAdmin: true })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'isAdmin', messages: ['property isAdmin should not exist'] },
    ]);
  });

  it('answers malformed JSON, bad ids and unknown routes with problem+json 4xx', async () => {
    const malformed = await t.http
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ')
      .expect(400);
    expect(malformed.body).toMatchObject({ status: 400, code: 'bad-request' });
    expect(malformed.body.detail).toMatch(/^The request body is not valid JSON/);
    const badId = await t.http
      .get('/users/not-a-uuid')
      .auth(adminToken, { type: 'bearer' })
      .expect(400);
    expect(badId.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknownRoute = await t.http
      .get('/no/such/route')
      .auth(adminToken, { type: 'bearer' })
      .expect(404);
    expect(unknownRoute.body.code).toBe('not-found');
    const missingUser = await t.http
      .get('/users/7b0c8a57-3a55-4b55-9a8e-5b1ad2f0d3c1')
      .auth(adminToken, { type: 'bearer' })
      .expect(404);
    expect(missingUser.body.code).toBe('user-not-found');
    await t.http.get('/users?pageSize=1000').auth(adminToken, { type: 'bearer' }).expect(400);
  });

  it('echoes a request id on every response and in problems', async () => {
    const response = await t.http.get('/me').set('x-request-id', 'trace-123').expect(401);
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.body.requestId).toBe('trace-123');
  });

  it('serves the OpenAPI document with every operation’s errors', async () => {
    await t.http.get('/docs').expect(200);
    const document = await t.http.get('/docs/openapi.json').expect(200);
    const paths = document.body.paths as Record<string, Record<string, { responses: object }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/me', '/organisations', '/users', '/health/ready']),
    );
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (path === '/health/live' || path === '/workflows') continue;
        const statuses = Object.keys(operation.responses).map(Number);
        expect({
          operation: `${method} ${path}`,
          hasError: statuses.some((s) => s >= 400),
        }).toEqual({
          operation: `${method} ${path}`,
          hasError: true,
        });
      }
    }
  });
});
