import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locale } from '../../src/auth/user.entity.js';
import { addDays, endOfLocalDay, localDateOf } from '../../src/common/calendar/index.js';
import { extendDue } from '../../src/deadlines/deadline-calendar.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { formatInstant } from '../../src/notifications/templates/render.js';
import { ANNOUNCEMENT, openCall, REQUIRED_DOCUMENTS } from '../fixtures/calls.js';
import {
  approveHearingProtocol,
  closeHearingRegistration,
  publishForHearing,
} from '../fixtures/hearings.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';

const auth = { type: 'bearer' } as const;
const KYIV = { zone: 'Europe/Kyiv', counting: 'calendar', country: 'UA' } as const;

interface Ngo {
  id: string;
  name: string;
  token: string;
  userId: string;
}

describe('call for bids (e2e: real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let adminToken: string;
  let ua: TestBuyer;
  let kg: TestBuyer;
  let uaProgramme: string;
  let kgProgramme: string;
  let verified: Ngo;
  let rival: Ngo;
  let pending: { id: string; token: string };

  async function addLot(
    programmeId: string,
    buyer: TestBuyer,
    number: string,
    maxAmount = 22_999_980,
  ): Promise<string> {
    const created = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, auth)
      .send({
        number,
        theme: `Соціальна профілактика ${number}`,
        territories: [{ name: 'Кропивницький', maxAmount }],
        durationMonths: 12,
      })
      .expect(201);
    return created.body.id as string;
  }

  async function verifiedNgo(name: string): Promise<Ngo> {
    const organisation = await t.http
      .post('/organisations')
      .auth(adminToken, auth)
      .send({ kind: 'ngo', name, country: 'UA', timeZone: 'Europe/Kyiv' })
      .expect(201);
    const member = await t.http
      .post(`/organisations/${organisation.body.id}/members`)
      .auth(adminToken, auth)
      .send({ email: uniqueEmail('ngo'), fullName: 'Олена', role: 'ngo_member' })
      .expect(201);
    return {
      id: organisation.body.id,
      name,
      token: await t.login(member.body.email, member.body.initialPassword),
      userId: member.body.id,
    };
  }

  const lotRow = async (lotId: string) =>
    (
      await t.database.query<{ state: string; version: number }>(
        `SELECT state, version FROM lots WHERE id = $1`,
        [lotId],
      )
    )[0];

  const callClose = async (lotId: string) =>
    (
      await t.database.query<{ dueAt: Date; generation: number }>(
        `SELECT due_at AS "dueAt", generation FROM lot_deadlines
         WHERE lot_id = $1 AND kind = 'callClose'`,
        [lotId],
      )
    )[0];

  const versions = async (lotId: string) =>
    t.database.query<{
      version: number;
      description: string | null;
      extendByDays: number | null;
      autoExtendedByDays: number | null;
      changedFields: string[];
    }>(
      `SELECT version, description, extend_by_days AS "extendByDays",
              auto_extended_by_days AS "autoExtendedByDays", changed_fields AS "changedFields"
       FROM call_announcements WHERE lot_id = $1 ORDER BY version`,
      [lotId],
    );

  const history = async (lotId: string) =>
    (await t.http.get(`/lots/${lotId}/history`).auth(ua.staffToken, auth).expect(200)).body as {
      eventType: string;
      payload: Record<string, unknown>;
    }[];

  /** Today in Kyiv by the database's clock, and the end of the Kyiv day `days` after it. */
  async function kyivDayEnd(days: number): Promise<Date> {
    const [{ now }] = await t.database.query<{ now: Date }>(`SELECT now() AS now`);
    return endOfLocalDay(addDays(localDateOf(now, 'Europe/Kyiv'), days), 'Europe/Kyiv');
  }

  const moveCallClose = (lotId: string, dueAt: Date) =>
    t.database.query(
      `UPDATE lot_deadlines SET due_at = $2 WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId, dueAt],
    );

  const amend = (lotId: string, body: object, token = ua.staffToken) =>
    t.http.post(`/lots/${lotId}/call/amendments`).auth(token, auth).send(body);

  const ask = (lotId: string, token: string, question = 'Чи можна залучати волонтерів?') =>
    t.http.post(`/lots/${lotId}/call/questions`).auth(token, auth).send({ question });

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    ua = await createBuyer(t, adminToken, {
      name: 'Кропивницький міський центр соціальних служб',
      country: 'UA',
      timeZone: 'Europe/Kyiv',
    });
    kg = await createBuyer(t, adminToken);
    const programme = async (buyer: TestBuyer, fields: object) =>
      (
        await t.http
          .post('/programmes')
          .auth(buyer.staffToken, auth)
          .send({ periodStart: '2026-01-01', periodEnd: '2027-12-31', ...fields })
          .expect(201)
      ).body.id as string;
    uaProgramme = await programme(ua, {
      title: 'Соціальне замовлення 2026',
      jurisdiction: 'UA',
      currency: 'UAH',
      totalBudget: 500_000_000,
      profileId: 'ua-competition',
    });
    kgProgramme = await programme(kg, {
      title: 'Государственный социальный заказ 2026',
      jurisdiction: 'KG',
      currency: 'KGS',
      totalBudget: 2_000_000_000,
      profileId: 'kg-grant',
    });
    verified = await verifiedNgo('БО «100 відсотків життя. Кропивницький»');
    rival = await verifiedNgo('ГО «Рівний рівному»');
    const registration = await t.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: 'ГО «Ще не перевірена»', country: 'UA', timeZone: 'Europe/Kyiv' },
        user: { email: uniqueEmail('pending'), fullName: 'Іван', password: ADMIN_PASSWORD },
      })
      .expect(201);
    pending = {
      id: registration.body.organisation.id,
      token: await t.login(registration.body.user.email, ADMIN_PASSWORD),
    };
  }, 60_000);
  afterAll(async () => t.close());

  it('opens a UA call: announcement version 1, the armed deadline, questions until 3 days before', async () => {
    const lotId = await addLot(uaProgramme, ua, '1');
    const call = await openCall(t, ua, lotId, {
      callPeriodDays: 10,
      requiredDocuments: REQUIRED_DOCUMENTS,
    });
    const deadline = await callClose(lotId);
    expect(call).toMatchObject({
      lotId,
      lotState: 'callForBids.open',
      version: 1,
      callPeriodDays: 10,
      maxAmount: 22_999_980,
      currency: 'UAH',
      eligibility: ['ngo'],
      tieRule: 'earliestSubmission',
      priorityCriterion: null,
      thresholds: { minTotal: 50 },
      amendments: [],
    });
    expect(call.criteria).toEqual([
      { ...ANNOUNCEMENT.criteria[0] },
      { ...ANNOUNCEMENT.criteria[1], weight: 1, minimum: null },
      { ...ANNOUNCEMENT.criteria[2], weight: 1, minimum: null },
    ]);
    expect(call.requiredDocuments).toEqual([
      { code: 'statute', title: { uk: 'Статут' }, mimeTypes: ['application/pdf'] },
      { code: 'budget', title: { uk: 'Кошторис' }, mimeTypes: [] },
    ]);
    // The tender period ends at the deadline row: the end of the 10th Kyiv day after today.
    expect(deadline.dueAt.toISOString()).toBe((await kyivDayEnd(10)).toISOString());
    const tenderPeriod = call.tenderPeriod as { endDate: string };
    const enquiryPeriod = call.enquiryPeriod as { endDate: string };
    expect(tenderPeriod.endDate).toBe(deadline.dueAt.toISOString());
    expect(enquiryPeriod.endDate).toBe((await kyivDayEnd(7)).toISOString());

    const published = await t.http.get(`/public/lots/${lotId}/call`).expect(200);
    expect(published.body).toEqual(call);
    expect((await history(lotId)).at(-1)).toMatchObject({
      eventType: 'OPEN_CALL',
      payload: { callPeriodDays: 10 },
    });
  });

  it('opens a KG call once the hearing protocol decides so (APPROVE_HEARING_PROTOCOL); questions close with the call', async () => {
    const lotId = await addLot(kgProgramme, kg, '2.1', 133_300_000);
    await publishForHearing(t, kg, lotId);
    await closeHearingRegistration(t, lotId);
    const unapproved = await t.http
      .post(`/lots/${lotId}/call`)
      .auth(kg.staffToken, auth)
      .send({ ...ANNOUNCEMENT, callPeriodDays: 30 })
      .expect(409);
    expect(unapproved.body.code).toBe('hearing-protocol-required');
    expect(await lotRow(lotId)).toEqual({ state: 'publicHearing.discussion', version: 3 });
    expect(await versions(lotId)).toEqual([]);
    await approveHearingProtocol(t, kg, lotId, 'openCall');
    // A protocol that decided to revise the draft does not open a call.
    const revised = await addLot(kgProgramme, kg, '2.2', 50_000_000);
    await publishForHearing(t, kg, revised);
    await closeHearingRegistration(t, revised);
    await approveHearingProtocol(t, kg, revised, 'revise');
    const refused = await t.http
      .post(`/lots/${revised}/call`)
      .auth(kg.staffToken, auth)
      .send({ ...ANNOUNCEMENT, callPeriodDays: 30 })
      .expect(409);
    expect(refused.body.code).toBe('hearing-protocol-required');

    const tooShort = await t.http
      .post(`/lots/${lotId}/call`)
      .auth(kg.staffToken, auth)
      .send({ ...ANNOUNCEMENT, callPeriodDays: 10 })
      .expect(422);
    expect(tooShort.body).toMatchObject({
      code: 'call-period-out-of-bounds',
      minDays: 15,
      maxDays: 366,
    });

    const call = await openCall(t, kg, lotId, { callPeriodDays: 30, maxAmount: 100_000_000 });
    expect(call).toMatchObject({ maxAmount: 100_000_000, currency: 'KGS' });
    const tenderPeriod = call.tenderPeriod as { endDate: string };
    const enquiryPeriod = call.enquiryPeriod as { endDate: string };
    expect(enquiryPeriod.endDate).toBe(tenderPeriod.endDate);
    const [{ dueAt }] = await t.database.query<{ dueAt: Date }>(
      `SELECT due_at AS "dueAt" FROM lot_deadlines WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    const [{ now }] = await t.database.query<{ now: Date }>(`SELECT now() AS now`);
    expect(dueAt.toISOString()).toBe(
      endOfLocalDay(addDays(localDateOf(now, 'Asia/Bishkek'), 30), 'Asia/Bishkek').toISOString(),
    );
    const entries = (
      await t.http.get(`/lots/${lotId}/history`).auth(kg.staffToken, auth).expect(200)
    ).body as { eventType: string; payload: object }[];
    expect(entries.at(-1)).toMatchObject({
      eventType: 'APPROVE_HEARING_PROTOCOL',
      payload: { callPeriodDays: 30 },
    });
  });

  it('refuses a bad announcement with problem+json, storing nothing and leaving the lot as it was', async () => {
    const lotId = await addLot(uaProgramme, ua, '3');
    const [first, second] = ANNOUNCEMENT.criteria;
    const cases: [string, object, number, string, string?][] = [
      ['no criteria', { criteria: [] }, 400, 'validation-failed', 'criteria'],
      [
        'a title in no language',
        { criteria: [{ ...first, title: {} }] },
        400,
        'validation-failed',
        'criteria.0.title',
      ],
      [
        'no points',
        { criteria: [{ ...first, maxPoints: 0 }] },
        400,
        'validation-failed',
        'criteria.0.maxPoints',
      ],
      [
        'a minimum above the maximum',
        { criteria: [{ ...first, minimum: 41 }] },
        400,
        'validation-failed',
        'criteria.0.minimum',
      ],
      [
        'a code twice',
        { criteria: [first, { ...second, code: first.code }] },
        400,
        'validation-failed',
        'criteria.1.code',
      ],
      [
        'a priority rule without its criterion',
        { tieRule: 'priorityCriterion' },
        400,
        'validation-failed',
        'priorityCriterion',
      ],
      [
        'a priority criterion that is not a criterion',
        { tieRule: 'priorityCriterion', priorityCriterion: 'budget' },
        400,
        'validation-failed',
        'priorityCriterion',
      ],
      ['an unknown tie rule', { tieRule: 'coinToss' }, 400, 'validation-failed', 'tieRule'],
      [
        'an unreachable threshold',
        { thresholds: { minTotal: 500 } },
        400,
        'validation-failed',
        'thresholds.minTotal',
      ],
      [
        'a bad MIME type',
        { requiredDocuments: [{ code: 'statute', title: { uk: 'Статут' }, mimeTypes: ['pdf'] }] },
        400,
        'validation-failed',
        'requiredDocuments.0.mimeTypes',
      ],
      ['an unknown field', { deadline: '2026-12-31' }, 400, 'validation-failed', 'deadline'],
      ['a call too short for UA', { callPeriodDays: 5 }, 422, 'call-period-out-of-bounds'],
      ['more than the lot’s maximum', { maxAmount: 22_999_981 }, 422, 'amount-above-lot-maximum'],
      [
        'eligibility beyond the plan',
        { eligibility: ['ngo', 'any_legal_entity'] },
        422,
        'eligibility-beyond-lot',
      ],
    ];
    for (const [what, fields, status, code, field] of cases) {
      const response = await t.http
        .post(`/lots/${lotId}/call`)
        .auth(ua.staffToken, auth)
        .send({ ...ANNOUNCEMENT, ...fields });
      expect({ what, status: response.status, code: response.body.code }).toEqual({
        what,
        status,
        code,
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (field) {
        const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
        expect({ what, fields }).toEqual({ what, fields: expect.arrayContaining([field]) });
      }
    }
    expect(await lotRow(lotId)).toEqual({ state: 'draft', version: 1 });
    expect(await versions(lotId)).toEqual([]);
    expect(await callClose(lotId)).toBeUndefined();
    await t.http.get(`/public/lots/${lotId}/call`).expect(404);
  });

  it('lets only the lot’s buyer staff open and amend its call; a stale If-Match changes nothing', async () => {
    const lotId = await addLot(uaProgramme, ua, '4');
    const post = (token: string) =>
      t.http.post(`/lots/${lotId}/call`).auth(token, auth).send(ANNOUNCEMENT);
    expect((await post(ua.commissionToken).expect(403)).body.code).toBe('role-required');
    expect((await post(verified.token).expect(403)).body.code).toBe('role-required');
    // Another buyer does not even see the draft.
    expect((await post(kg.staffToken).expect(404)).body.code).toBe('lot-not-found');
    const stale = await t.http
      .post(`/lots/${lotId}/call`)
      .auth(ua.staffToken, auth)
      .set('If-Match', '"7"')
      .send(ANNOUNCEMENT)
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 1 });
    expect(await versions(lotId)).toEqual([]);

    await openCall(t, ua, lotId);
    const twice = await post(ua.staffToken).expect(409);
    expect(twice.body.code).toBe('event-not-accepted');
    const note = { note: 'Уточнено опис', changes: { description: 'Новий опис' } };
    expect((await amend(lotId, note, kg.staffToken).expect(403)).body.code).toBe(
      'organisation-not-yours',
    );
    expect((await amend(lotId, note, verified.token).expect(403)).body.code).toBe('role-required');
    const bare = await t.http
      .post(`/lots/${lotId}/events`)
      .auth(ua.staffToken, auth)
      .send({ type: 'AMEND_CALL', payload: { extendByDays: 2 } })
      .expect(409);
    expect(bare.body).toMatchObject({
      code: 'dedicated-endpoint',
      endpoint: 'POST /lots/{id}/call/amendments',
    });
    expect((await versions(lotId)).map((row) => row.version)).toEqual([1]);
  });

  it('amends with an extension: version 2, the deadline moved, AMEND_CALL in the history', async () => {
    const lotId = await addLot(uaProgramme, ua, '5');
    await openCall(t, ua, lotId, { callPeriodDays: 10 });
    const before = await callClose(lotId);
    const criteria = [
      { ...ANNOUNCEMENT.criteria[0], maxPoints: 50 },
      ...ANNOUNCEMENT.criteria.slice(1),
    ];
    const response = await amend(lotId, {
      changes: {
        criteria,
        description: 'Уточнено критерій 1',
        tieRule: 'priorityCriterion',
        priorityCriterion: 'experience',
      },
      extendByDays: 3,
      note: 'Змінено максимальний бал за досвід',
    }).expect(201);
    expect(response.body).toMatchObject({
      version: 2,
      autoExtendedByDays: 0,
      description: 'Уточнено критерій 1',
      tieRule: 'priorityCriterion',
      priorityCriterion: 'experience',
      amendments: [
        {
          version: 2,
          note: 'Змінено максимальний бал за досвід',
          changedFields: ['description', 'criteria', 'tieRule', 'priorityCriterion'],
          extendByDays: 3,
          autoExtendedByDays: 0,
        },
      ],
    });
    expect(response.body.criteria[0]).toMatchObject({ code: 'experience', maxPoints: 50 });

    const after = await callClose(lotId);
    expect(after.dueAt.toISOString()).toBe(extendDue(before.dueAt, 3, KYIV).toISOString());
    expect(after.generation).toBe(before.generation + 1);
    expect(response.body.tenderPeriod.endDate).toBe(after.dueAt.toISOString());
    expect(response.body.enquiryPeriod.endDate).toBe((await kyivDayEnd(10)).toISOString());
    expect((await history(lotId)).at(-1)).toMatchObject({
      eventType: 'AMEND_CALL',
      payload: { extendByDays: 3, daysRemaining: 13 },
    });
    // Version 1 stays as it was published.
    expect(await versions(lotId)).toEqual([
      expect.objectContaining({
        version: 1,
        description: ANNOUNCEMENT.description,
        extendByDays: null,
      }),
      expect.objectContaining({ version: 2, extendByDays: 3, autoExtendedByDays: 0 }),
    ]);
    const published = await t.http.get(`/public/lots/${lotId}/call`).expect(200);
    expect(published.body).toMatchObject({ version: 2, amendments: [{ version: 2 }] });

    // The amended call's notification names the new closing date.
    await t.app.get(NotificationsService).notify({
      lotId,
      name: 'lot.callAmended',
      recipients: ['buyerStaff'],
      dedupeKey: `calls-test-${lotId}`,
    });
    const [notice] = await t.database.query<{ body: string; locale: Locale; data: object }>(
      `SELECT body, locale, data FROM notifications WHERE lot_id = $1 AND name = 'lot.callAmended'`,
      [lotId],
    );
    expect(notice.data).toEqual({ dueAt: after.dueAt.toISOString() });
    expect(notice.body).toContain(formatInstant(after.dueAt, notice.locale, 'Europe/Kyiv'));
  });

  it('extends by itself when too few days would remain, and amends without moving the deadline', async () => {
    const lotId = await addLot(uaProgramme, ua, '6');
    await openCall(t, ua, lotId);
    // One Kyiv day left: an amendment with 1 more day would leave 2, the profile wants 4.
    const tomorrow = await kyivDayEnd(1);
    await moveCallClose(lotId, tomorrow);
    const response = await amend(lotId, {
      changes: { maxAmount: 20_000_000 },
      extendByDays: 1,
      note: 'Зменшено максимальну суму',
    }).expect(201);
    expect(response.body).toMatchObject({
      version: 2,
      maxAmount: 20_000_000,
      autoExtendedByDays: 2,
      amendments: [{ changedFields: ['maxAmount'], extendByDays: 1, autoExtendedByDays: 2 }],
    });
    const extended = await callClose(lotId);
    expect(extended.dueAt.toISOString()).toBe((await kyivDayEnd(4)).toISOString());
    expect((await history(lotId)).at(-1)).toMatchObject({
      eventType: 'AMEND_CALL',
      payload: { extendByDays: 3, daysRemaining: 4 },
    });

    // Four days remain: a change without an extension leaves the deadline where it is.
    const unmoved = await amend(lotId, {
      changes: { requiredDocuments: REQUIRED_DOCUMENTS },
      note: 'Потрібні статут і кошторис',
    }).expect(201);
    expect(unmoved.body).toMatchObject({ version: 3, autoExtendedByDays: 0 });
    expect(unmoved.body.requiredDocuments).toHaveLength(2);
    expect((await callClose(lotId)).dueAt.toISOString()).toBe(extended.dueAt.toISOString());
    expect((await history(lotId)).at(-1)).toMatchObject({
      eventType: 'AMEND_CALL',
      payload: { extendByDays: 0, daysRemaining: 4 },
    });

    const nothing = await amend(lotId, {
      changes: { maxAmount: 20_000_000 },
      note: 'Те саме',
    }).expect(422);
    expect(nothing.body.code).toBe('amendment-changes-nothing');
    const length = await amend(lotId, { changes: { callPeriodDays: 30 }, note: 'x' }).expect(400);
    expect(length.body.errors).toEqual([
      expect.objectContaining({ field: 'changes.callPeriodDays' }),
    ]);
    const badMerge = await amend(lotId, {
      changes: { tieRule: 'priorityCriterion' },
      note: 'Нове правило',
    }).expect(400);
    expect(badMerge.body.errors).toEqual([
      expect.objectContaining({ field: 'changes.priorityCriterion' }),
    ]);
    const above = await amend(lotId, { changes: { maxAmount: 30_000_000 }, note: 'x' }).expect(422);
    expect(above.body.code).toBe('amount-above-lot-maximum');

    // Once the deadline has passed (by the database clock) the call can no longer be amended.
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() - interval '1 minute'
       WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    const late = await amend(lotId, { extendByDays: 5, note: 'Запізно' }).expect(409);
    expect(late.body.code).toBe('call-deadline-passed');
    expect((await versions(lotId)).map((row) => row.version)).toEqual([1, 2, 3]);
    expect(await lotRow(lotId)).toEqual({ state: 'callForBids.open', version: 4 });
  });

  it('takes questions from verified NGOs until the enquiry period ends by the database clock', async () => {
    const lotId = await addLot(uaProgramme, ua, '7');
    await openCall(t, ua, lotId, { callPeriodDays: 10 });

    const asked = await ask(lotId, verified.token).expect(201);
    expect(asked.body).toMatchObject({ mine: true, answer: null, answeredAt: null });
    expect(asked.body.organisation).toBeUndefined();

    const refused = await ask(lotId, pending.token).expect(403);
    expect(refused.body).toMatchObject({ code: 'ngo-not-verified' });
    expect(refused.body.detail).toContain(pending.id);
    expect((await ask(lotId, ua.staffToken).expect(403)).body.code).toBe('role-required');

    // Questions close 3 Kyiv days before the call: a call closing in 3 days still takes them…
    await moveCallClose(lotId, await kyivDayEnd(3));
    await ask(lotId, rival.token, 'Чи потрібен ліцензійний документ?').expect(201);
    // …one closing in 2 days no longer does.
    await moveCallClose(lotId, await kyivDayEnd(2));
    const late = await ask(lotId, rival.token, 'А якщо пізно?').expect(409);
    expect(late.body).toMatchObject({
      code: 'enquiries-closed',
      enquiryPeriodEnd: (await kyivDayEnd(-1)).toISOString(),
    });
    const [{ count }] = await t.database.query<{ count: string }>(
      `SELECT count(*) FROM call_questions WHERE lot_id = $1`,
      [lotId],
    );
    expect(Number(count)).toBe(2);

    const draft = await addLot(uaProgramme, ua, '7.1');
    expect((await ask(draft, verified.token).expect(404)).body.code).toBe('lot-not-found');
  });

  it('answers publicly without the asker; each NGO sees its own open questions, the buyer all', async () => {
    const lotId = await addLot(uaProgramme, ua, '8');
    await openCall(t, ua, lotId);
    const mine = (await ask(lotId, verified.token, 'Чи можна подати дві заявки?').expect(201))
      .body as { id: string };
    const theirs = (await ask(lotId, rival.token, 'Який формат кошторису?').expect(201)).body as {
      id: string;
    };

    const listOf = async (token: string) =>
      (await t.http.get(`/lots/${lotId}/call/questions`).auth(token, auth).expect(200)).body as {
        id: string;
        mine: boolean;
        organisation?: { id: string; name: string };
      }[];
    expect((await listOf(verified.token)).map((q) => [q.id, q.mine])).toEqual([[mine.id, true]]);
    expect((await listOf(rival.token)).map((q) => [q.id, q.mine])).toEqual([[theirs.id, true]]);
    expect((await listOf(ua.staffToken)).map((q) => q.organisation)).toEqual([
      { id: verified.id, name: verified.name },
      { id: rival.id, name: rival.name },
    ]);
    expect((await t.http.get(`/public/lots/${lotId}/call/questions`).expect(200)).body).toEqual([]);

    const answerOf = (questionId: string, token: string) =>
      t.http
        .post(`/lots/${lotId}/call/questions/${questionId}/answer`)
        .auth(token, auth)
        .send({ answer: 'Ні, одна заявка від організації.' });
    expect((await answerOf(mine.id, verified.token).expect(403)).body.code).toBe('role-required');
    expect((await answerOf(mine.id, kg.staffToken).expect(403)).body.code).toBe(
      'organisation-not-yours',
    );
    const answered = await answerOf(mine.id, ua.staffToken).expect(200);
    expect(answered.body).toMatchObject({
      id: mine.id,
      answer: 'Ні, одна заявка від організації.',
      answeredAt: expect.any(String),
      organisation: { id: verified.id },
    });
    expect((await answerOf(mine.id, ua.staffToken).expect(409)).body.code).toBe(
      'question-answered',
    );
    expect(
      (await answerOf('00000000-0000-4000-8000-000000000000', ua.staffToken).expect(404)).body.code,
    ).toBe('question-not-found');

    const published = await t.http.get(`/public/lots/${lotId}/call/questions`).expect(200);
    expect(published.body).toHaveLength(1);
    expect(Object.keys(published.body[0]).sort()).toEqual([
      'answer',
      'answeredAt',
      'askedAt',
      'id',
      'question',
    ]);
    const text = JSON.stringify(published.body);
    for (const secret of [verified.id, verified.name, verified.userId]) {
      expect(text).not.toContain(secret);
    }
    // The rival now sees the answered question too, not whose it was.
    const rivalView = await listOf(rival.token);
    expect(rivalView.map((q) => [q.id, q.mine])).toEqual([
      [mine.id, false],
      [theirs.id, true],
    ]);
    expect(rivalView[0].organisation).toBeUndefined();
    expect(JSON.stringify(rivalView)).not.toContain(verified.name);
  });
});
