import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_PASSWORD,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';
import { createHmac, randomUUID } from 'node:crypto';

const PASSWORD = 'a-long-enough-password';

function signToken(payload: object, secret: string, header = { alg: 'HS256', typ: 'JWT' }) {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac('sha256', secret).update(body).digest('base64url');
  return `${body}.${signature}`;
}

describe('auth (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    const buyer = await t.http
      .post('/organisations')
      .auth(adminToken, { type: 'bearer' })
      .send({ kind: 'buyer', name: 'Министерство труда', country: 'KG', timeZone: 'Asia/Bishkek' })
      .expect(201);
    buyerId = buyer.body.id;
  });
  afterAll(async () => t.close());

  it('creates the first admin on an empty database and logs them in', async () => {
    const me = await t.http.get('/me').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ email: t.adminEmail, isAdmin: true, roles: ['admin'] });
  });

  it('refuses a wrong password with problem+json 401', async () => {
    const response = await t.http
      .post('/auth/login')
      .send({ email: t.adminEmail, password: 'not the password' })
      .expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 401,
      code: 'invalid-credentials',
      type: 'urn:soczakaz:problem:invalid-credentials',
      instance: '/auth/login',
    });
  });

  it('throttles repeated logins for one email with 429, and not other emails', async () => {
    const email = uniqueEmail('throttled');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.http.post('/auth/login').send({ email, password: 'wrong-password' }).expect(401);
    }
    const blocked = await t.http.post('/auth/login').send({ email, password: 'wrong-password' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await t.http
      .post('/auth/login')
      .send({ email: uniqueEmail('other'), password: 'x' })
      .expect(401);
  });

  it('requires a token, and rejects tampered, foreign, alg-none and expired tokens', async () => {
    const missing = await t.http.get('/me').expect(401);
    expect(missing.body.code).toBe('unauthenticated');
    const [header, payload, signature] = adminToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string };
    // Same signature, another user's id in the payload.
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString(
      'base64url',
    );
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      `${header}.${forged}.${signature}`,
      signToken(
        { sub: claims.sub, iat: now, exp: now + 60 },
        'another-secret-of-sufficient-length!!',
      ),
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
      signToken({ sub: claims.sub, iat: now - 120, exp: now - 60 }, TEST_JWT_SECRET),
      'not-a-jwt',
    ];
    for (const token of bad) {
      const response = await t.http.get('/me').auth(token, { type: 'bearer' }).expect(401);
      expect(response.body.code).toBe('unauthenticated');
    }
  });

  it('denies a role the caller lacks with 403 role-required', async () => {
    const registration = await t.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: 'ОО «Ресурс»', country: 'KG', timeZone: 'Asia/Bishkek' },
        user: { email: uniqueEmail('ngo'), fullName: 'Айгуль', password: PASSWORD },
      })
      .expect(201);
    const ngoToken = await t.login(registration.body.user.email, PASSWORD);
    const response = await t.http
      .post('/organisations')
      .auth(ngoToken, { type: 'bearer' })
      .send({ kind: 'buyer', name: 'X', country: 'KG', timeZone: 'Asia/Bishkek' })
      .expect(403);
    expect(response.body).toMatchObject({ code: 'role-required', requiredRoles: ['admin'] });
    await t.http.get('/users').auth(ngoToken, { type: 'bearer' }).expect(403);
  });

  it('keeps staff to their own organisation', async () => {
    const staff = await t.http
      .post(`/organisations/${buyerId}/members`)
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('staff'), fullName: 'Staff', role: 'buyer_staff' })
      .expect(201);
    expect(staff.body.initialPassword).toEqual(expect.any(String));
    const staffToken = await t.login(staff.body.email, staff.body.initialPassword);
    const other = await t.http
      .post('/organisations')
      .auth(adminToken, { type: 'bearer' })
      .send({ kind: 'buyer', name: 'Другой заказчик', country: 'KZ', timeZone: 'Asia/Almaty' })
      .expect(201);
    await t.http
      .get(`/organisations/${buyerId}/members`)
      .auth(staffToken, { type: 'bearer' })
      .expect(200);
    const denied = await t.http
      .get(`/organisations/${other.body.id}/members`)
      .auth(staffToken, { type: 'bearer' })
      .expect(403);
    expect(denied.body.code).toBe('organisation-not-yours');
  });

  it('lets an NGO register, stay pending, and be verified by a buyer’s staff', async () => {
    const email = uniqueEmail('selfreg');
    const registration = await t.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: 'ОФ «Жаны Муун»', country: 'KG', timeZone: 'Asia/Bishkek' },
        user: { email, fullName: 'Бакыт', password: PASSWORD, locale: 'ky' },
      })
      .expect(201);
    expect(registration.body.organisation).toMatchObject({
      kind: 'ngo',
      verificationStatus: 'pending',
    });
    const ngoId = registration.body.organisation.id as string;
    const duplicate = await t.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: 'Copy', country: 'KG', timeZone: 'Asia/Bishkek' },
        user: { email: email.toUpperCase(), fullName: 'Copy', password: PASSWORD },
      })
      .expect(409);
    expect(duplicate.body.code).toBe('email-taken');

    const ngoToken = await t.login(email, PASSWORD);
    const me = await t.http.get('/me').auth(ngoToken, { type: 'bearer' }).expect(200);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({
        organisationId: ngoId,
        role: 'ngo_member',
        verificationStatus: 'pending',
      }),
    ]);
    // An NGO cannot verify itself.
    await t.http
      .post(`/organisations/${ngoId}/verification`)
      .auth(ngoToken, { type: 'bearer' })
      .send({ decision: 'verified' })
      .expect(403);

    const staff = await t.http
      .post(`/organisations/${buyerId}/members`)
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('verifier'), fullName: 'Verifier', role: 'buyer_staff' })
      .expect(201);
    const staffToken = await t.login(staff.body.email, staff.body.initialPassword);
    const pending = await t.http
      .get('/organisations?kind=ngo&verificationStatus=pending')
      .auth(staffToken, { type: 'bearer' })
      .expect(200);
    expect(pending.body.items.map((o: { id: string }) => o.id)).toContain(ngoId);
    const rejectedWithoutNote = await t.http
      .post(`/organisations/${ngoId}/verification`)
      .auth(staffToken, { type: 'bearer' })
      .send({ decision: 'rejected' })
      .expect(400);
    expect(rejectedWithoutNote.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    const verified = await t.http
      .post(`/organisations/${ngoId}/verification`)
      .auth(staffToken, { type: 'bearer' })
      .send({ decision: 'verified', note: 'Registry extract checked' })
      .expect(200);
    expect(verified.body).toMatchObject({
      verificationStatus: 'verified',
      verificationNote: 'Registry extract checked',
    });
    await t.http
      .post(`/organisations/${buyerId}/verification`)
      .auth(staffToken, { type: 'bearer' })
      .send({ decision: 'verified' })
      .expect(409);
  });

  it('refuses a role that does not fit the organisation kind', async () => {
    const response = await t.http
      .post(`/organisations/${buyerId}/members`)
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('misfit'), fullName: 'Misfit', role: 'ngo_member' })
      .expect(422);
    expect(response.body.code).toBe('role-not-for-organisation');
  });

  it('locks out a deactivated user at once, even with a valid token', async () => {
    const created = await t.http
      .post('/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('leaver'), fullName: 'Leaver', password: PASSWORD })
      .expect(201);
    const token = await t.login(created.body.email, PASSWORD);
    await t.http.get('/me').auth(token, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`/users/${created.body.id}`)
      .auth(adminToken, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await t.http.get('/me').auth(token, { type: 'bearer' }).expect(401);
    await t.http
      .post('/auth/login')
      .send({ email: created.body.email, password: PASSWORD })
      .expect(401);
  });

  it('changes a password only with the current one', async () => {
    const created = await t.http
      .post('/users')
      .auth(adminToken, { type: 'bearer' })
      .send({ email: uniqueEmail('changer'), fullName: 'Changer', password: PASSWORD })
      .expect(201);
    const token = await t.login(created.body.email, PASSWORD);
    await t.http
      .post('/me/password')
      .auth(token, { type: 'bearer' })
      .send({ currentPassword: 'wrong-current-pass', newPassword: 'the-new-password-1' })
      .expect(422);
    await t.http
      .post('/me/password')
      .auth(token, { type: 'bearer' })
      .send({ currentPassword: PASSWORD, newPassword: 'the-new-password-1' })
      .expect(204);
    await t.login(created.body.email, 'the-new-password-1');
  });
});
