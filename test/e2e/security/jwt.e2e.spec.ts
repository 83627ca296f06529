import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createNgo, type TestNgo } from '../../fixtures/applications.js';
import { userIdOf } from '../../fixtures/evaluation.js';
import { describeAnswer, problemViolations } from '../../fixtures/security/problem.js';
import { jwt, nowSeconds, payloadOf, withPayload } from '../../fixtures/security/tokens.js';
import {
  ADMIN_PASSWORD,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../../fixtures/test-app.js';
import { uniqueEmail } from '../../fixtures/test-services.js';

const HS256 = { alg: 'HS256', typ: 'JWT' };

/**
 * Access tokens: only an HS256 token signed with the service's secret, current, for an active
 * user, sent as `Authorization: Bearer <token>`, opens the API; everything else is 401
 * problem+json, on the API's guard and on the queue dashboard's own check alike.
 */
describe('JWT access tokens (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  let ngo: TestNgo;
  let ngoId: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    adminId = await userIdOf(t, adminToken);
    ngo = await createNgo(t, adminToken);
    ngoId = await userIdOf(t, ngo.token);
  }, 60_000);
  afterAll(async () => t?.close());

  /** A token as the service signs them, for a user, with claims changed or added. */
  const signed = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET) =>
    jwt(HS256, { iat: nowSeconds(), exp: nowSeconds() + 600, ...claims }, secret);

  /** The answers of the API's guard (GET /me) and of the dashboard's check to an Authorization. */
  async function expectRefused(label: string, authorization: string | undefined) {
    for (const [method, path] of [
      ['get', '/me'],
      ['post', '/admin/queues/session'],
    ] as const) {
      const request = method === 'get' ? t.http.get(path) : t.http.post(path);
      const answer = await (authorization === undefined
        ? request
        : request.set('Authorization', authorization));
      const where = `${label} on ${method.toUpperCase()} ${path} → ${describeAnswer(answer)}`;
      expect({ where, status: answer.status, code: answer.body.code }).toEqual({
        where,
        status: 401,
        code: 'unauthenticated',
      });
      expect({ where, violations: problemViolations(answer) }).toEqual({ where, violations: [] });
    }
  }

  it('accepts a token the service signed, as Bearer (the scheme in any case)', async () => {
    const token = signed({ sub: adminId });
    await t.http.get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    await t.http.get('/me').set('Authorization', `bearer ${token}`).expect(200);
    await t.http.post('/admin/queues/session').set('Authorization', `Bearer ${token}`).expect(204);
  });

  it('refuses a token signed with another secret', async () => {
    await expectRefused('wrong secret', `Bearer ${signed({ sub: adminId }, 'not-the-secret')}`);
    await expectRefused(
      'empty secret',
      `Bearer ${jwt(HS256, { sub: adminId, exp: nowSeconds() + 600 }, '')}`,
    );
  });

  it('refuses alg none, other algorithms and algorithm confusion', async () => {
    const claims = { sub: adminId, exp: nowSeconds() + 600 };
    await expectRefused('alg none', `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims, null)}`);
    await expectRefused('alg None', `Bearer ${jwt({ alg: 'None' }, claims, null)}`);
    const valid = signed({ sub: adminId });
    const [, payload, signature] = valid.split('.');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await expectRefused('alg none, signature kept', `Bearer ${noneHeader}.${payload}.${signature}`);
    await expectRefused('HS512', `Bearer ${jwt({ alg: 'HS512' }, claims, TEST_JWT_SECRET, 512)}`);
    await expectRefused('HS384', `Bearer ${jwt({ alg: 'HS384' }, claims, TEST_JWT_SECRET, 384)}`);
    await expectRefused('RS256 header', `Bearer ${jwt({ alg: 'RS256' }, claims, TEST_JWT_SECRET)}`);
  });

  it('refuses an expired token and one not valid yet', async () => {
    await expectRefused(
      'expired',
      `Bearer ${signed({ sub: adminId, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })}`,
    );
    await expectRefused(
      'expired a second ago',
      `Bearer ${signed({ sub: adminId, exp: nowSeconds() - 1 })}`,
    );
    await expectRefused(
      'not yet valid',
      `Bearer ${signed({ sub: adminId, nbf: nowSeconds() + 3600 })}`,
    );
    await expectRefused('exp not a number', `Bearer ${signed({ sub: adminId, exp: 'never' })}`);
  });

  it('refuses a tampered payload: another subject, or roles added, under the old signature', async () => {
    expect(payloadOf(ngo.token)).toMatchObject({ sub: ngoId });
    await expectRefused(
      'subject swapped',
      `Bearer ${withPayload(ngo.token, { ...payloadOf(ngo.token), sub: adminId })}`,
    );
    await expectRefused(
      'admin claims added',
      `Bearer ${withPayload(ngo.token, { ...payloadOf(ngo.token), isAdmin: true, roles: ['admin'] })}`,
    );
    await expectRefused(
      'expiry extended',
      `Bearer ${withPayload(ngo.token, { ...payloadOf(ngo.token), exp: nowSeconds() + 10 ** 8 })}`,
    );
    // Claims are not roles: a validly signed token with them is still only its subject.
    const claimed = signed({ sub: ngoId, isAdmin: true, roles: ['admin'] });
    await t.http.get('/users').set('Authorization', `Bearer ${claimed}`).expect(403);
  });

  it('refuses a signed token whose subject is missing, not a string, unknown or not a UUID', async () => {
    await expectRefused('no subject', `Bearer ${signed({})}`);
    await expectRefused('numeric subject', `Bearer ${signed({ sub: 42 })}`);
    await expectRefused('unknown subject', `Bearer ${signed({ sub: randomUUID() })}`);
    await expectRefused('subject not a UUID', `Bearer ${signed({ sub: "1' OR '1'='1" })}`);
  });

  it('refuses the token of a deactivated user at once, and of a deleted one', async () => {
    const created = await t.http
      .post('/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('leaver'), fullName: 'Leaver', isAdmin: true })
      .expect(201);
    const token = await t.login(created.body.email, created.body.initialPassword);
    await t.http.get('/users').auth(token, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`/users/${created.body.id}`)
      .auth(adminToken, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await expectRefused('deactivated user', `Bearer ${token}`);

    const gone = await t.http
      .post('/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('gone'), fullName: 'Gone' })
      .expect(201);
    const goneToken = await t.login(gone.body.email, gone.body.initialPassword);
    await t.database.query(`DELETE FROM users WHERE id = $1`, [gone.body.id]);
    await expectRefused('deleted user', `Bearer ${goneToken}`);
  });

  it('refuses a token without the Bearer scheme, or malformed, or sent elsewhere', async () => {
    const token = signed({ sub: adminId });
    await expectRefused('no Authorization', undefined);
    await expectRefused('token without scheme', token);
    await expectRefused('Basic scheme', `Basic ${token}`);
    await expectRefused('Token scheme', `Token ${token}`);
    await expectRefused('scheme only', 'Bearer');
    await expectRefused('two spaces', `Bearer  ${token}`);
    await expectRefused('two parts', 'Bearer a.b');
    await expectRefused('empty parts', 'Bearer ..');
    await expectRefused('not base64', 'Bearer !!!.???.***');
    await expectRefused('JSON garbage', `Bearer ${Buffer.from('{').toString('base64url')}.e30.x`);
    await expectRefused('long garbage', `Bearer ${'a'.repeat(6000)}`);
    // Only the header counts: a token in the query or a cookie opens nothing.
    const answer = await t.http.get(`/me?access_token=${token}`).set('Cookie', `token=${token}`);
    expect(answer.status).toBe(401);
  });

  it('never lets the queue dashboard’s session cookie pass as an access token', async () => {
    const opened = await t.http
      .post('/admin/queues/session')
      .auth(adminToken, { type: 'bearer' })
      .expect(204);
    const cookie = String(opened.headers['set-cookie']).split(';')[0].split('=').slice(1).join('=');
    expect(cookie.split('.')).toHaveLength(3);
    await expectRefused('dashboard session as bearer', `Bearer ${cookie}`);
  });
});
