import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { HearingsService } from '../../src/hearings/hearings.service.js';
import { RecipientResolvers } from '../../src/notifications/recipient-resolvers.js';
import {
  approveHearingProtocol,
  closeHearingRegistration,
  hearingNotice,
  publishForHearing,
} from '../fixtures/hearings.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';

interface Mail {
  to: string[];
  text: string;
}

/** The text of a mail as nodemailer writes it: quoted-printable or base64, one part. */
function textOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding:\s*base64/im.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(headers)) {
    const bytes: number[] = [];
    const text = body.replace(/=\r\n/g, '');
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(text[i], 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('public hearings (e2e: real PostgreSQL, Redis and an SMTP server)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let programmeId: string;
  let ngo: { id: string; name: string; token: string; email: string; userId: string };
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  const auth = { type: 'bearer' } as const;

  async function createProgramme(overrides: Record<string, unknown> = {}): Promise<string> {
    const programme = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, auth)
      .send({
        title: 'Программа государственного социального заказа на 2027 год',
        jurisdiction: 'KG',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        currency: 'KGS',
        totalBudget: 2_000_000_000,
        profileId: 'kg-grant',
        ...overrides,
      })
      .expect(201);
    return programme.body.id as string;
  }

  async function addLot(number: string, programme = programmeId): Promise<string> {
    const created = await t.http
      .post(`/programmes/${programme}/lots`)
      .auth(buyer.staffToken, auth)
      .send({
        number,
        theme: `Социальное общежитие ${number}`,
        territories: [{ name: 'Чуйская обл.', maxAmount: 50_000_000 }],
        durationMonths: 12,
      })
      .expect(201);
    return created.body.id as string;
  }

  const lotOf = async (lotId: string) =>
    (await t.http.get(`/lots/${lotId}`).auth(buyer.staffToken, auth).expect(200)).body as {
      state: string;
      version: number;
    };

  const register = (lotId: string, fields: Record<string, unknown>) =>
    t.http.post(`/public/lots/${lotId}/hearing/registrations`).send(fields);

  /** The token from the last confirmation email to the address. */
  async function tokenSentTo(email: string): Promise<string> {
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      const mail = mails.filter((m) => m.to.includes(email.toLowerCase())).at(-1);
      const token = mail && /(?:Code|Код): ([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
      if (token) return token;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No confirmation email reached ${email}`);
  }

  /** Registers and confirms someone; returns their token. */
  async function participant(lotId: string, name: string, email = uniqueEmail('public')) {
    await register(lotId, { name, email, locale: 'en' }).expect(201);
    const token = await tokenSentTo(email);
    await t.http.post('/public/hearing-registrations/confirm').send({ token }).expect(200);
    return token;
  }

  const answer = (lotId: string, commentId: string, text: string, token = buyer.staffToken) =>
    t.http
      .post(`/lots/${lotId}/hearing/comments/${commentId}/answer`)
      .auth(token, auth)
      .send({ text });

  const count = async (sql: string, parameters: unknown[]) =>
    Number((await t.database.query<{ n: string }>(sql, parameters))[0].n);

  /** A mailbox on a loopback SMTP server (on `port` again when restarted). */
  async function startSmtp(port = 0): Promise<void> {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((address) => address.address.toLowerCase());
          mails.push({ to, text: textOf(Buffer.concat(chunks).toString('utf8')) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  }

  beforeAll(async () => {
    await startSmtp();
    t = await startTestApp({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        PUBLIC_BASE_URL: 'https://soczakaz.example.kg',
      },
    });
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken, { name: 'Департамент пробации при Минюсте КР' });
    programmeId = await createProgramme();

    const organisation = await t.http
      .post('/organisations')
      .auth(adminToken, auth)
      .send({ kind: 'ngo', name: 'ОО «Право и закон»', country: 'KG', timeZone: 'Asia/Bishkek' })
      .expect(201);
    const member = await t.http
      .post(`/organisations/${organisation.body.id}/members`)
      .auth(adminToken, auth)
      .send({ email: uniqueEmail('ngo'), fullName: 'Асель Исакова', role: 'ngo_member' })
      .expect(201);
    ngo = {
      id: organisation.body.id,
      name: organisation.body.name,
      email: member.body.email,
      userId: member.body.id,
      token: await t.login(member.body.email, member.body.initialPassword),
    };
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('publishes a draft lot with its notice; the deadline shown is the lot’s deadline row', async () => {
    const lotId = await addLot('1.1');
    const bare = await t.http
      .post(`/lots/${lotId}/events`)
      .auth(buyer.staffToken, auth)
      .send({ type: 'PUBLISH_FOR_HEARING' })
      .expect(409);
    expect(bare.body).toMatchObject({
      code: 'dedicated-endpoint',
      endpoint: 'POST /lots/{id}/hearing',
    });

    const published = await t.http
      .post(`/lots/${lotId}/hearing`)
      .set('If-Match', '"1"')
      .auth(buyer.staffToken, auth)
      .send(hearingNotice({ onlineUrl: undefined }))
      .expect(201);
    const [deadline] = await t.database.query<{ dueAt: Date }>(
      `SELECT due_at AS "dueAt" FROM lot_deadlines
       WHERE lot_id = $1 AND kind = 'hearingRegistration'`,
      [lotId],
    );
    expect(published.body).toMatchObject({
      notice: {
        place: 'Бишкек, ул. Орозбекова 37, зал заседаний',
        onlineUrl: null,
        documents: [expect.objectContaining({ title: expect.stringContaining('Проект') })],
      },
      lots: [
        {
          id: lotId,
          state: 'publicHearing.registration',
          version: 2,
          registrationDeadline: deadline.dueAt.toISOString(),
        },
      ],
    });
    // The end of a day in Bishkek (UTC+6), ten calendar days on.
    expect(deadline.dueAt.toISOString()).toMatch(/T17:59:59\.999Z$/);

    const notice = await t.http.get(`/public/lots/${lotId}/hearing`).expect(200);
    expect(notice.body).toMatchObject({
      notice: { id: published.body.notice.id },
      lot: { id: lotId, registrationDeadline: deadline.dueAt.toISOString() },
      registrationOpen: true,
      counts: { participants: 0, comments: 0, answered: 0 },
      protocolStatus: 'draft',
      decision: null,
    });
    const history = await t.http.get(`/lots/${lotId}/history`).auth(buyer.staffToken, auth);
    expect(history.body.map((entry: { eventType: string }) => entry.eventType)).toEqual([
      'LOT_CREATED',
      'PUBLISH_FOR_HEARING',
    ]);
    // Published once: the lot is no draft any more.
    const again = await t.http
      .post(`/lots/${lotId}/hearing`)
      .auth(buyer.staffToken, auth)
      .send(hearingNotice())
      .expect(409);
    expect(again.body.code).toBe('event-not-accepted');
  });

  it('refuses a bad notice with 4xx problem+json and stores nothing', async () => {
    const lotId = await addLot('1.2');
    const publish = (body: Record<string, unknown>, token = buyer.staffToken) =>
      t.http.post(`/lots/${lotId}/hearing`).auth(token, auth).send(body);

    const nowhere = await publish(hearingNotice({ place: undefined, onlineUrl: undefined }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(nowhere.body.errors).toEqual([expect.objectContaining({ field: 'place' })]);
    const noOffset = await publish(hearingNotice({ heldAt: '2031-03-02T10:00:00' })).expect(400);
    expect(noOffset.body.errors).toEqual([expect.objectContaining({ field: 'heldAt' })]);
    const script = await publish(
      hearingNotice({ documents: [{ title: 'x', url: 'javascript:alert(1)' }] }),
    ).expect(400);
    expect(script.body.errors).toEqual([expect.objectContaining({ field: 'documents.0.url' })]);
    await publish({ ...hearingNotice(), registrationDeadline: '2031-01-01' }).expect(400);
    const past = await publish(
      hearingNotice({ heldAt: new Date(Date.now() - 60_000).toISOString() }),
    ).expect(422);
    expect(past.body.code).toBe('hearing-date-past');
    const early = await publish(
      hearingNotice({ heldAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ).expect(422);
    expect(early.body).toMatchObject({
      code: 'hearing-before-registration-closes',
      registrationDeadline: expect.any(String),
    });
    const commission = await publish(hearingNotice(), buyer.commissionToken).expect(403);
    expect(commission.body.code).toBe('role-required');
    await t.http
      .post('/lots/00000000-0000-4000-8000-000000000000/hearing')
      .auth(buyer.staffToken, auth)
      .send(hearingNotice())
      .expect(404);

    expect(await lotOf(lotId)).toMatchObject({ state: 'draft', version: 1 });
    expect(await count(`SELECT count(*) AS n FROM hearing_lots WHERE lot_id = $1`, [lotId])).toBe(
      0,
    );
    expect(await count(`SELECT count(*) AS n FROM lot_deadlines WHERE lot_id = $1`, [lotId])).toBe(
      0,
    );
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE lot_id = $1`, [lotId])).toBe(
      1,
    );
    await t.http.get(`/public/lots/${lotId}/hearing`).expect(404);
  });

  it('publishes every draft lot of a programme under one notice, all or none', async () => {
    const programme = await createProgramme({ title: 'Программа с тремя лотами' });
    const [a, b, cancelled] = [
      await addLot('2.1', programme),
      await addLot('2.2', programme),
      await addLot('2.3', programme),
    ];
    await t.http
      .post(`/lots/${cancelled}/events`)
      .auth(buyer.staffToken, auth)
      .send({ type: 'CANCEL', payload: { reason: 'Дублирует лот 2.1' } })
      .expect(200);

    // A failure after every lot moved takes them all back: the notice is held too early.
    const early = await t.http
      .post(`/programmes/${programme}/hearing`)
      .auth(buyer.staffToken, auth)
      .send(hearingNotice({ heldAt: new Date(Date.now() + 3_600_000).toISOString() }))
      .expect(422);
    expect(early.body.code).toBe('hearing-before-registration-closes');
    for (const lotId of [a, b]) expect(await lotOf(lotId)).toMatchObject({ state: 'draft' });
    expect(
      await count(`SELECT count(*) AS n FROM hearings WHERE programme_id = $1`, [programme]),
    ).toBe(0);

    const other = await createBuyer(t, adminToken, { name: 'Мэрия города Ош' });
    const foreign = await t.http
      .post(`/programmes/${programme}/hearing`)
      .auth(other.staffToken, auth)
      .send(hearingNotice())
      .expect(403);
    expect(foreign.body.code).toBe('organisation-not-yours');

    const published = await t.http
      .post(`/programmes/${programme}/hearing`)
      .auth(buyer.staffToken, auth)
      .send(hearingNotice())
      .expect(201);
    expect(published.body.lots.map((lot: { id: string }) => lot.id).sort()).toEqual([a, b].sort());
    for (const lot of published.body.lots) {
      expect(lot).toMatchObject({ state: 'publicHearing.registration', version: 2 });
    }
    const links = await t.database.query<{ hearingId: string }>(
      `SELECT DISTINCT hearing_id AS "hearingId" FROM hearing_lots WHERE lot_id = ANY($1)`,
      [[a, b]],
    );
    expect(links).toEqual([{ hearingId: published.body.notice.id }]);
    expect(await lotOf(cancelled)).toMatchObject({ state: 'cancelled' });

    const none = await t.http
      .post(`/programmes/${programme}/hearing`)
      .auth(buyer.staffToken, auth)
      .send(hearingNotice())
      .expect(409);
    expect(none.body.code).toBe('no-draft-lots');
    const ua = await createProgramme({
      jurisdiction: 'UA',
      currency: 'UAH',
      profileId: 'ua-competition',
      timeZone: 'Europe/Kyiv',
    });
    await addLot('1', ua);
    const noHearing = await t.http
      .post(`/programmes/${ua}/hearing`)
      .auth(buyer.staffToken, auth)
      .send(hearingNotice())
      .expect(409);
    expect(noHearing.body.code).toBe('no-hearing-in-profile');
  });

  it('registers the public until the deadline by the database clock, confirms by token, refuses duplicates politely', async () => {
    const lotId = await addLot('3.1');
    await publishForHearing(t, buyer, lotId);
    const email = uniqueEmail('Aigul');
    const registered = await register(lotId, {
      name: 'Айгуль Токтосунова',
      organisation: 'ОО «Реабилитация»',
      email,
      phone: '+996 312 315945',
    }).expect(201);
    expect(registered.body).toMatchObject({ confirmed: false, email: email.toLowerCase() });

    const token = await tokenSentTo(email);
    const mail = mails.find((m) => m.to.includes(email.toLowerCase()));
    expect(mail?.text).toContain('Здравствуйте, Айгуль Токтосунова!');
    expect(mail?.text).toContain(
      `https://soczakaz.example.kg/hearing-registrations/confirm?token=${token}`,
    );
    // Only the token's hash is kept.
    const [stored] = await t.database.query<Record<string, unknown>>(
      `SELECT * FROM hearing_registrations WHERE id = $1`,
      [registered.body.id],
    );
    expect(stored.token_sha256).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const duplicate = await register(lotId, { name: 'Айгуль', email: email.toUpperCase() }).expect(
      409,
    );
    expect(duplicate.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(duplicate.body).toMatchObject({ code: 'already-registered' });
    expect(duplicate.body.detail).toMatch(/^Thank you/);
    const bad = await register(lotId, { name: '', email: 'not-an-email', phone: 'x' }).expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'email',
      'name',
      'phone',
    ]);
    await register('00000000-0000-4000-8000-000000000000', { name: 'x', email }).expect(404);

    // Unconfirmed, a registrant is no participant.
    expect((await t.http.get(`/public/lots/${lotId}/hearing`)).body.counts.participants).toBe(0);
    const confirmed = await t.http
      .post('/public/hearing-registrations/confirm')
      .send({ token })
      .expect(200);
    expect(confirmed.body).toMatchObject({ id: registered.body.id, name: 'Айгуль Токтосунова' });
    const twice = await t.http
      .post('/public/hearing-registrations/confirm')
      .send({ token })
      .expect(200);
    expect(twice.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    const wrong = await t.http
      .post('/public/hearing-registrations/confirm')
      .send({ token: 'A'.repeat(43) })
      .expect(404);
    expect(wrong.body.code).toBe('registration-not-found');
    await register(lotId, { name: 'Бакыт', email: uniqueEmail('bakyt') }).expect(201);
    expect((await t.http.get(`/public/lots/${lotId}/hearing`)).body.counts.participants).toBe(1);

    // The database clock decides: a second before the deadline is on time, after it is not.
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = clock_timestamp() + interval '1.5 seconds'
       WHERE lot_id = $1 AND kind = 'hearingRegistration'`,
      [lotId],
    );
    await register(lotId, { name: 'Вовремя', email: uniqueEmail('in-time') }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const lateEmail = uniqueEmail('late');
    const late = await register(lotId, { name: 'Опоздавший', email: lateEmail }).expect(409);
    expect(late.body).toMatchObject({
      code: 'hearing-registration-closed',
      state: 'publicHearing.registration',
      registrationDeadline: expect.any(String),
    });
    expect((await t.http.get(`/public/lots/${lotId}/hearing`)).body.registrationOpen).toBe(false);
    expect(
      await count(`SELECT count(*) AS n FROM hearing_registrations WHERE email = $1`, [lateEmail]),
    ).toBe(0);

    // Once the deadline event has moved the lot on, registration stays closed.
    await closeHearingRegistration(t, lotId);
    const closed = await register(lotId, { name: 'Поздно', email: lateEmail }).expect(409);
    expect(closed.body.state).toBe('publicHearing.discussion');
    expect(
      await count(`SELECT count(*) AS n FROM hearing_registrations WHERE hearing_id = $1`, [
        registered.body.hearingId,
      ]),
    ).toBe(3);
  });

  it('registers nothing when the confirmation email cannot be sent, and takes the retry', async () => {
    const lotId = await addLot('3.2');
    await publishForHearing(t, buyer, lotId);
    const port = (smtp.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    const email = uniqueEmail('retry');
    try {
      const refused = await register(lotId, { name: 'Повтор', email }).expect(503);
      expect(refused.body.code).toBe('email-unavailable');
      expect(
        await count(`SELECT count(*) AS n FROM hearing_registrations WHERE email = $1`, [email]),
      ).toBe(0);
    } finally {
      await startSmtp(port);
    }
    await register(lotId, { name: 'Повтор', email }).expect(201);
  });

  it('takes comments from confirmed registrants and NGOs, answered by the buyer, into a public protocol (JSON and escaped HTML)', async () => {
    const lotId = await addLot('4.1');
    await publishForHearing(t, buyer, lotId);
    const email = uniqueEmail('ivan');
    const token = await participant(lotId, '<script>alert("x")</script> Иван', email);
    const pendingEmail = uniqueEmail('unconfirmed');
    await register(lotId, { name: 'Без подтверждения', email: pendingEmail }).expect(201);
    const pendingToken = await tokenSentTo(pendingEmail);
    const elsewhere = await addLot('4.2');
    await publishForHearing(t, buyer, elsewhere);
    const outsider = await participant(elsewhere, 'Посторонний');

    const comment = (body: Record<string, unknown>) =>
      t.http.post(`/public/lots/${lotId}/hearing/comments`).send(body);
    const first = await comment({ token, text: 'Добавьте Баткенскую область.' }).expect(201);
    expect(first.body).toMatchObject({
      number: 1,
      author: { kind: 'participant', name: '<script>alert("x")</script> Иван' },
      answer: null,
    });
    const unconfirmed = await comment({ token: pendingToken, text: 'x' }).expect(403);
    expect(unconfirmed.body.code).toBe('registration-unconfirmed');
    const foreign = await comment({ token: outsider, text: 'x' }).expect(403);
    expect(foreign.body.code).toBe('not-a-participant');
    await comment({ token: 'B'.repeat(43), text: 'x' }).expect(404);
    await comment({ token, text: '' }).expect(400);

    const byNgo = await t.http
      .post(`/lots/${lotId}/hearing/comments`)
      .auth(ngo.token, auth)
      .send({ text: 'Срок 12 месяцев мал для ресоциализации.' })
      .expect(201);
    expect(byNgo.body).toMatchObject({
      number: 2,
      author: { kind: 'ngo', name: null, organisation: ngo.name },
    });
    await t.http
      .post(`/lots/${lotId}/hearing/comments`)
      .auth(buyer.staffToken, auth)
      .send({ text: 'x' })
      .expect(403);

    await closeHearingRegistration(t, lotId);
    const third = await comment({ token, text: 'См. <img src=x onerror=alert(1)>' }).expect(201);

    const early = await t.http
      .post(`/lots/${lotId}/hearing/protocol/approve`)
      .auth(buyer.staffToken, auth)
      .send({ decision: 'openCall' })
      .expect(409);
    expect(early.body).toMatchObject({
      code: 'comments-unanswered',
      unansweredCommentIds: [first.body.id, byNgo.body.id, third.body.id],
    });
    await answer(lotId, first.body.id, 'x', buyer.commissionToken).expect(403);
    await answer(lotId, '00000000-0000-4000-8000-000000000000', 'x').expect(404);
    await answer(lotId, first.body.id, 'Учтено.').expect(200);
    await answer(lotId, byNgo.body.id, 'Не учтено: срок задан программой.').expect(200);
    const answered = await answer(lotId, third.body.id, 'Ответ & <b>пояснение</b>').expect(200);
    expect(answered.body.answer).toMatchObject({ text: 'Ответ & <b>пояснение</b>' });

    const comments = await t.http.get(`/public/lots/${lotId}/hearing/comments`).expect(200);
    expect(comments.body).toHaveLength(3);
    expect(JSON.stringify(comments.body)).not.toContain(email);
    const draft = await t.http.get(`/public/lots/${lotId}/hearing/protocol`).expect(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      sha256: null,
      protocol: {
        lot: { id: lotId, number: '4.1', buyer: 'Департамент пробации при Минюсте КР' },
        participants: [{ name: '<script>alert("x")</script> Иван', organisation: null }],
        decision: null,
      },
    });
    expect(draft.body.protocol.comments.every((c: { answer: unknown }) => c.answer)).toBe(true);

    const approved = await t.http
      .post(`/lots/${lotId}/hearing/protocol/approve`)
      .auth(buyer.staffToken, auth)
      .send({ decision: 'openCall', note: 'Замечания рассмотрены.' })
      .expect(200);
    expect(approved.body.sha256).toBe(sha256(canonicalJson(approved.body.protocol)));
    expect(approved.body.protocol.decision).toMatchObject({
      decision: 'openCall',
      note: 'Замечания рассмотрены.',
    });
    const frozen = await t.http.get(`/public/lots/${lotId}/hearing/protocol`).expect(200);
    expect(frozen.body).toEqual({ ...approved.body, status: 'approved' });
    expect(sha256(canonicalJson(frozen.body.protocol))).toBe(frozen.body.sha256);
    const served = await t.app
      .get(HearingsService)
      .approvedProtocolOf(lotId, t.app.get(DataSource).manager);
    expect(served).toMatchObject({ decision: 'openCall', sha256: approved.body.sha256 });

    // Frozen: no more comments, answers or approvals; and its decision is not 'revise'.
    expect((await comment({ token, text: 'Ещё' })).body.code).toBe('hearing-closed');
    expect((await answer(lotId, first.body.id, 'Иначе')).status).toBe(409);
    const twice = await t.http
      .post(`/lots/${lotId}/hearing/protocol/approve`)
      .auth(buyer.staffToken, auth)
      .send({ decision: 'revise' })
      .expect(409);
    expect(twice.body.code).toBe('protocol-already-approved');
    const mismatch = await t.http
      .post(`/lots/${lotId}/hearing/revise`)
      .auth(buyer.staffToken, auth)
      .send({ reason: 'x' })
      .expect(409);
    expect(mismatch.body.code).toBe('protocol-decision-mismatch');

    const page = await t.http.get(`/public/lots/${lotId}/hearing/protocol.html`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Иван');
    expect(page.text).toContain('См. &lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).toContain('Ответ &amp; &lt;b&gt;пояснение&lt;/b&gt;');
    expect(page.text).not.toMatch(/<script|<img|<b>/);
    expect(page.text).toContain(approved.body.sha256);
    expect(page.text).not.toContain(email);
    const negotiated = await t.http
      .get(`/public/lots/${lotId}/hearing/protocol`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(negotiated.headers['content-type']).toMatch(/^text\/html/);
    expect(negotiated.text).toBe(page.text);
  });

  it('sends a lot back to a draft after a protocol that decides to revise, and hears it again', async () => {
    const lotId = await addLot('5.1');
    await publishForHearing(t, buyer, lotId);
    const inRegistration = await t.http
      .post(`/lots/${lotId}/hearing/protocol/approve`)
      .auth(buyer.staffToken, auth)
      .send({ decision: 'revise' })
      .expect(409);
    expect(inRegistration.body.code).toBe('hearing-not-in-discussion');
    await closeHearingRegistration(t, lotId);
    const unapproved = await t.http
      .post(`/lots/${lotId}/hearing/revise`)
      .auth(buyer.staffToken, auth)
      .send({ reason: 'Добавить Баткенскую область' })
      .expect(409);
    expect(unapproved.body.code).toBe('protocol-not-approved');
    const bare = await t.http
      .post(`/lots/${lotId}/events`)
      .auth(buyer.staffToken, auth)
      .send({ type: 'REVISE_DRAFT', payload: { reason: 'Добавить Баткенскую область' } })
      .expect(409);
    expect(bare.body).toMatchObject({ code: 'dedicated-endpoint' });
    await t.http
      .post(`/lots/${lotId}/hearing/protocol/approve`)
      .auth(buyer.staffToken, auth)
      .send({ decision: 'close' })
      .expect(400);
    await approveHearingProtocol(t, buyer, lotId, 'revise');
    await t.http
      .post(`/lots/${lotId}/hearing/revise`)
      .auth(buyer.staffToken, auth)
      .send({ reason: '  ' })
      .expect(400);
    expect(await lotOf(lotId)).toMatchObject({ state: 'publicHearing.discussion' });

    const revised = await t.http
      .post(`/lots/${lotId}/hearing/revise`)
      .auth(buyer.staffToken, auth)
      .send({ reason: 'Добавить Баткенскую область' })
      .expect(200);
    expect(revised.body).toMatchObject({ state: 'draft', version: 4 });
    const history = await t.http.get(`/lots/${lotId}/history`).auth(buyer.staffToken, auth);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'REVISE_DRAFT',
      fromState: 'publicHearing.discussion',
      toState: 'draft',
      payload: { reason: 'Добавить Баткенскую область' },
    });
    // The draft is edited and heard again, under a new notice.
    await t.http
      .patch(`/lots/${lotId}`)
      .auth(buyer.staffToken, auth)
      .send({ theme: 'Социальное общежитие 5.1 (Баткенская обл.)' })
      .expect(200);
    const second = await publishForHearing(t, buyer, lotId);
    const notice = await t.http.get(`/public/lots/${lotId}/hearing`).expect(200);
    expect(notice.body).toMatchObject({
      notice: { id: second.notice.id },
      protocolStatus: 'draft',
      registrationOpen: true,
    });
    expect(
      await t.app.get(HearingsService).approvedProtocolOf(lotId, t.app.get(DataSource).manager),
    ).toBeNull();
  });

  it('resolves hearingRegistrants to confirmed registrants who have an account, as members of their NGO', async () => {
    const lotId = await addLot('6.1');
    await publishForHearing(t, buyer, lotId);
    await participant(lotId, 'Асель Исакова', ngo.email.toUpperCase());
    await participant(lotId, 'Без аккаунта');
    await register(lotId, { name: 'Сотрудник', email: uniqueEmail('unconfirmed') }).expect(201);
    const resolve = t.app.get(RecipientResolvers).resolverOf('hearingRegistrants');
    expect(resolve).toBeDefined();
    const lot = { id: lotId, buyerId: buyer.id, programmeId };
    expect(await resolve?.(lot, t.app.get(DataSource).manager)).toEqual([
      { userId: ngo.userId, organisationId: ngo.id },
    ]);
  });
});
