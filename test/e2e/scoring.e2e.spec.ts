import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/common/canonical-json.js';
import type { EvaluationProtocolDocument } from '../../src/evaluation/evaluation-protocol.js';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import { createNgo, proposal, submitApplication, type TestNgo } from '../fixtures/applications.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';

/*
 * The commission scenario of issue #6 over HTTP, with the points of
 * test/unit/evaluation/commission-scenario.spec.ts: five members m1…m5 (m1 chair, m2 secretary),
 * m4 recused on A2, m5 never submits (a draft on A1); four admitted applications submitted in the
 * order A4, A2, A3, A1 (and A5 rejected); weighted criteria, tie rule earliestSubmission. By hand:
 * A3 77.5 and A1 77.5 tie, A3 was submitted first → 1. A3, 2. A1, 3. A2 76.25; A4 (plan mean 7.5
 * below its minimum 8) not ranked. The call states no minTotal: the scenario's 70 changes nothing
 * (every aggregate is above it) and the announcement checks minTotal on another scale.
 *
 * The whole way through the API: the buyer composes the commission while the call is open, the
 * members declare once it closed, the secretary decides admissibility and completes the check.
 */

const CRITERIA = [
  { code: 'experience', title: { ru: 'Опыт' }, maxPoints: 10, weight: 2, naAllowed: false },
  { code: 'plan', title: { ru: 'План' }, maxPoints: 20, minimum: 8, naAllowed: false },
  { code: 'budget', title: { ru: 'Бюджет' }, maxPoints: 10, naAllowed: true },
];
const TERRITORY = { name: 'Кропивницький', maxAmount: 1_000_000 };
const LABELS = ['A1', 'A2', 'A3', 'A4'] as const;
type Label = (typeof LABELS)[number];
const REQUESTED: Record<Label, number> = { A1: 400_000, A2: 300_000, A3: 500_000, A4: 200_000 };
type Points = [number, number, number | 'NA'];

/** Submitted sheets of the scenario, by member index (0 = m1) and application. */
const SHEETS: [number, Label, Points][] = [
  [0, 'A1', [8, 16, 8]],
  [1, 'A1', [7, 14, 6]],
  [2, 'A1', [9, 18, 'NA']],
  [3, 'A1', [8, 12, 7]],
  [0, 'A2', [9, 16, 9]],
  [1, 'A2', [6, 15, 8]],
  [2, 'A2', [8, 14, 6]],
  [0, 'A3', [7, 16, 8]],
  [1, 'A3', [8, 16, 7]],
  [2, 'A3', [8, 14, 9]],
  [3, 'A3', [8, 16, 7]],
  [0, 'A4', [9, 6, 9]],
  [1, 'A4', [8, 8, 8]],
  [2, 'A4', [9, 7, 'NA']],
  [3, 'A4', [10, 9, 10]],
];

const points = ([experience, plan, budget]: Points) => ({ experience, plan, budget });

interface Member {
  id: string;
  token: string;
}

interface ScoringLot {
  id: string;
  apps: Record<Label, string>;
  ngos: Record<Label, TestNgo>;
  rejected: string;
}

describe('scoring, meeting and protocol (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let members: Member[];
  let outsider: Member;
  let lotCounter = 0;

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function commissionMember(name: string): Promise<Member> {
    const created = await t.http
      .post(`/organisations/${buyer.id}/members`)
      .set(bearer(adminToken))
      .send({ email: uniqueEmail('member'), fullName: name, role: 'commission_member' })
      .expect(201);
    return {
      id: created.body.id as string,
      token: await t.login(created.body.email as string, created.body.initialPassword as string),
    };
  }

  async function programme(jurisdiction: string, profileId: string, currency: string) {
    const created = await t.http
      .post('/programmes')
      .set(bearer(buyer.staffToken))
      .send({
        title: `Программа ${jurisdiction} 2026`,
        jurisdiction,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency,
        totalBudget: 5_000_000_000,
        profileId,
      })
      .expect(201);
    return created.body.id as string;
  }

  async function state(lotId: string): Promise<string> {
    const [row] = await t.database.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = $1`,
      [lotId],
    );
    return row.state;
  }

  /** Moves a deadline of the lot to `seconds` from the database's clock. */
  async function deadlineIn(lotId: string, kind: string, seconds: number): Promise<void> {
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = clock_timestamp() + make_interval(secs => $3)
        WHERE lot_id = $1 AND kind = $2`,
      [lotId, kind, seconds],
    );
  }

  async function fire(lotId: string, kind: string, type: string): Promise<string> {
    await deadlineIn(lotId, kind, -1);
    const { lot } = await t.app.get(LotEngine).apply(lotId, { type }, SYSTEM_ACTOR);
    return lot.state;
  }

  /** A round's commission and, once its evaluation is under way, each member's declaration. */
  interface Seat {
    member: Member;
    office: 'chair' | 'secretary' | 'member';
    /** Null: has not declared (yet). */
    links: { applicationId: string; link: string }[] | null;
  }

  /** The buyer names a round's whole commission (KZ: every member named by NGOs). */
  async function compose(lotId: string, round: number, seats: Seat[], nominatedBy?: string) {
    await t.http
      .put(`/lots/${lotId}/commission`)
      .set(bearer(buyer.staffToken))
      .send({
        round,
        members: seats.map(({ member, office }) => ({ userId: member.id, office, nominatedBy })),
      })
      .expect(200);
  }

  async function declare(lotId: string, seats: Seat[]) {
    for (const { member, links } of seats) {
      if (!links) continue;
      await t.http
        .put(`/lots/${lotId}/commission/declaration`)
        .set(bearer(member.token))
        .send({ links })
        .expect(200);
    }
  }

  /**
   * A lot whose call took A4, A2, A3, A1 (in that order) and A5, closed, with A1–A4 admitted and
   * A5 rejected, now scoring: the UA profile, or KZ's two rounds.
   */
  async function scoringLot(
    programmeId: string,
    announcement: Record<string, unknown>,
    seats: (apps: Record<Label, string>) => Seat[],
    nominatedBy?: string,
  ): Promise<ScoringLot> {
    lotCounter += 1;
    const created = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .set(bearer(buyer.staffToken))
      .send({
        number: `${lotCounter}.1`,
        theme: 'Социальное общежитие для клиентов пробации',
        territories: [TERRITORY],
      })
      .expect(201);
    const lotId = created.body.id as string;
    await t.http
      .post(`/lots/${lotId}/call`)
      .set(bearer(buyer.staffToken))
      .send({ callPeriodDays: 20, criteria: CRITERIA, ...announcement })
      .expect(201);
    // The applications' ids are not known yet: only the composition matters here.
    const commission = seats({ A1: '', A2: '', A3: '', A4: '' });
    await compose(lotId, 1, commission, nominatedBy);
    const apps = {} as Record<Label, string>;
    const ngos = {} as Record<Label, TestNgo>;
    const apply = async (name: string, amount: number) => {
      const ngo = await createNgo(t, adminToken, { name });
      const body: Record<string, unknown> = {
        ...proposal(amount),
        territories: [{ name: TERRITORY.name, amount }],
      };
      delete body.requestedAmount;
      return { ngo, id: (await submitApplication(t, ngo, lotId, body)).id };
    };
    for (const label of ['A4', 'A2', 'A3', 'A1'] as const) {
      const name = label === 'A3' ? 'ОО «<script>alert(1)</script>»' : `ОО «Заявитель ${label}»`;
      const { ngo, id } = await apply(name, REQUESTED[label]);
      apps[label] = id;
      ngos[label] = ngo;
    }
    const rejected = (await apply('ОО «Опоздавшие документы»', 100_000)).id;
    expect(await fire(lotId, 'callClose', 'CALL_DEADLINE')).toBe('evaluation.admissibility');

    await declare(lotId, seats(apps));
    const secretary =
      commission.find((x) => x.office === 'secretary')?.member ?? commission[0].member;
    const decide = (applicationId: string, decision: Record<string, string>) =>
      t.http
        .put(`/lots/${lotId}/admissibility/${applicationId}`)
        .set(bearer(secretary.token))
        .send(decision)
        .expect(200);
    for (const id of Object.values(apps)) await decide(id, { decision: 'admitted' });
    await decide(rejected, {
      decision: 'rejected',
      reasonCode: 'missing-document',
      reason: 'Нет устава <i>организации</i>',
    });
    await t.http
      .post(`/lots/${lotId}/admissibility/complete`)
      .set(bearer(secretary.token))
      .expect(200);
    expect(await state(lotId)).toBe('evaluation.scoring');
    return { id: lotId, apps, ngos, rejected };
  }

  const putSheet = (lotId: string, applicationId: string, who: Member, body: object) =>
    t.http.put(`/lots/${lotId}/score-sheets/${applicationId}`).set(bearer(who.token)).send(body);
  const submitSheet = (lotId: string, applicationId: string, who: Member) =>
    t.http.post(`/lots/${lotId}/score-sheets/${applicationId}/submit`).set(bearer(who.token));

  async function score(lotId: string, applicationId: string, who: Member, given: Points) {
    await putSheet(lotId, applicationId, who, { points: points(given) }).expect(200);
    await submitSheet(lotId, applicationId, who).expect(200);
  }

  const close = (lotId: string, who: Member, body: Record<string, unknown>) =>
    t.http.post(`/lots/${lotId}/evaluation/close`).set(bearer(who.token)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'error' } });
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken, {
      name: 'Кропивницький міський центр соціальних служб',
      country: 'UA',
      timeZone: 'Europe/Kyiv',
    });
    members = [];
    for (const name of ['Голова', 'Секретар', 'Член 3', 'Член 4', 'Член 5']) {
      members.push(await commissionMember(name));
    }
    outsider = await commissionMember('Не в комісії');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('the issue’s scenario on a one-round lot', () => {
    let lot: ScoringLot;
    let m: Member[];

    beforeAll(async () => {
      m = members;
      const programmeId = await programme('UA', 'ua-competition', 'UAH');
      lot = await scoringLot(programmeId, { tieRule: 'earliestSubmission' }, (apps) => [
        { member: m[0], office: 'chair', links: [] },
        { member: m[1], office: 'secretary', links: [] },
        { member: m[2], office: 'member', links: [] },
        { member: m[3], office: 'member', links: [{ applicationId: apps.A2, link: 'founder' }] },
        { member: m[4], office: 'member', links: null },
      ]);
    }, 120_000);

    it('refuses a sheet from someone off the commission, or a member who has not declared', async () => {
      const outside = await putSheet(lot.id, lot.apps.A1, outsider, { points: {} });
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('not-commission-member');
      const undeclared = await putSheet(lot.id, lot.apps.A1, m[4], { points: {} });
      expect(undeclared.status).toBe(403);
      expect(undeclared.body.code).toBe('declaration-required');
      await declare(lot.id, [{ member: m[4], office: 'member', links: [] }]);
    });

    it('answers 403 recused to a member on the application they declared a link to', async () => {
      const put = await putSheet(lot.id, lot.apps.A2, m[3], { points: points([9, 16, 9]) });
      expect(put.status).toBe(403);
      expect(put.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(put.body).toMatchObject({ code: 'recused', applicationId: lot.apps.A2 });
      expect((await submitSheet(lot.id, lot.apps.A2, m[3])).body.code).toBe('recused');
    });

    it('scores only admitted applications of the lot', async () => {
      const rejected = await putSheet(lot.id, lot.rejected, m[0], { points: {} });
      expect(rejected.status).toBe(409);
      expect(rejected.body.code).toBe('application-not-scored');
      const unknown = await putSheet(lot.id, '00000000-0000-4000-8000-000000000000', m[0], {
        points: {},
      });
      expect(unknown.status).toBe(404);
    });

    it('saves a partial draft, revises it, submits it when complete, and then keeps it', async () => {
      const draft = await putSheet(lot.id, lot.apps.A1, m[0], {
        points: { experience: 5 },
        comment: 'first look',
      });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({
        status: 'draft',
        round: 1,
        points: { experience: 5 },
        submittedAt: null,
      });
      const incomplete = await submitSheet(lot.id, lot.apps.A1, m[0]);
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.code).toBe('score-sheet-invalid');
      expect(incomplete.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'points.plan', code: 'unanswered', messages: expect.any(Array) },
          { field: 'points.budget', code: 'unanswered', messages: expect.any(Array) },
        ]),
      );

      const revised = await putSheet(lot.id, lot.apps.A1, m[0], { points: points([8, 16, 8]) });
      expect(revised.body).toMatchObject({
        id: draft.body.id,
        status: 'draft',
        points: { experience: 8, plan: 16, budget: 8 },
        comment: null,
      });
      const submitted = await submitSheet(lot.id, lot.apps.A1, m[0]);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ id: draft.body.id, status: 'submitted' });
      expect(submitted.body.submittedAt).not.toBeNull();

      const late = await putSheet(lot.id, lot.apps.A1, m[0], { points: points([1, 1, 1]) });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('score-sheet-submitted');
      expect((await submitSheet(lot.id, lot.apps.A1, m[0])).status).toBe(409);
      const [row] = await t.database.query<{ points: unknown }>(
        `SELECT points FROM score_sheets WHERE id = $1`,
        [draft.body.id],
      );
      expect(row.points).toEqual({ experience: 8, plan: 16, budget: 8 });
    });

    it('refuses malformed points with 400 and points against the call’s rules with 422', async () => {
      const shape = await putSheet(lot.id, lot.apps.A3, m[0], {
        points: { experience: 'many', bogus: 1 },
      });
      expect(shape.status).toBe(400);
      expect(shape.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'points.bogus', code: 'unknown-criterion' }),
          expect.objectContaining({ field: 'points.experience', code: 'not-a-number' }),
        ]),
      );
      const notObject = await putSheet(lot.id, lot.apps.A3, m[0], { points: [1, 2] });
      expect(notObject.status).toBe(400);
      const rules = await putSheet(lot.id, lot.apps.A3, m[0], {
        points: { experience: 11, plan: 'NA', budget: 1.234 },
      });
      expect(rules.status).toBe(422);
      expect(rules.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
        'not-applicable-refused',
        'out-of-range',
        'too-many-decimals',
      ]);
      const noSheet = await submitSheet(lot.id, lot.apps.A3, m[0]);
      expect(noSheet.status).toBe(404);
      expect(noSheet.body.code).toBe('score-sheet-not-found');
    });

    it('refuses to convene the meeting while a sheet is missing, and only the chair may', async () => {
      for (const [member, label, given] of SHEETS.slice(1)) {
        await score(lot.id, lot.apps[label], m[member], given);
      }
      await putSheet(lot.id, lot.apps.A1, m[4], {
        points: points([10, 20, 10]),
        comment: 'секретный комментарий',
      }).expect(200);

      const secretary = await t.http
        .post(`/lots/${lot.id}/evaluation/meeting`)
        .set(bearer(m[1].token));
      expect(secretary.status).toBe(403);
      expect(secretary.body.code).toBe('chair-only');
      const chair = await t.http.post(`/lots/${lot.id}/evaluation/meeting`).set(bearer(m[0].token));
      expect(chair.status).toBe(422);
      expect(chair.body).toMatchObject({
        code: 'event-refused',
        facts: { allSheetsSubmitted: false },
      });
      expect(await state(lot.id)).toBe('evaluation.scoring');
    });

    it('shows a member only their own sheets, and no protocol before the meeting closes', async () => {
      const mine = await t.http
        .get(`/lots/${lot.id}/score-sheets/mine`)
        .set(bearer(m[1].token))
        .expect(200);
      expect(mine.body).toHaveLength(4);
      expect(new Set(mine.body.map((s: { applicationId: string }) => s.applicationId))).toEqual(
        new Set(Object.values(lot.apps)),
      );
      const late = await t.http
        .get(`/lots/${lot.id}/score-sheets/mine`)
        .set(bearer(m[4].token))
        .expect(200);
      expect(late.body).toEqual([
        expect.objectContaining({ applicationId: lot.apps.A1, status: 'draft' }),
      ]);
      // Off the lot's commission: refused like every commission-only reading, never an empty list.
      const mineAs = (token: string, lotId = lot.id) =>
        t.http.get(`/lots/${lotId}/score-sheets/mine`).set(bearer(token));
      const outside = await mineAs(outsider.token).expect(403);
      expect(outside.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(outside.body).toMatchObject({ code: 'not-commission-member', round: 1 });
      const staff = await mineAs(buyer.staffToken).expect(403);
      expect(staff.body.code).toBe('role-required');
      const applicant = await mineAs(lot.ngos.A1.token).expect(403);
      expect(applicant.body.code).toBe('role-required');
      const missing = await mineAs(m[1].token, '00000000-0000-4000-8000-000000000000').expect(404);
      expect(missing.body.code).toBe('lot-not-found');
      const protocol = await t.http
        .get(`/lots/${lot.id}/evaluation/protocol`)
        .set(bearer(m[0].token));
      expect(protocol.status).toBe(404);
    });

    it('closes scoring by the database clock: after the deadline a draft can no longer change', async () => {
      await deadlineIn(lot.id, 'scoring', -1);
      const late = await submitSheet(lot.id, lot.apps.A1, m[4]);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('scoring-deadline-passed');
      expect(new Date(late.body.now).getTime()).toBeGreaterThan(
        new Date(late.body.deadline).getTime(),
      );
      expect(await fire(lot.id, 'scoring', 'SCORING_DEADLINE')).toBe('evaluation.meeting');
      const after = await putSheet(lot.id, lot.apps.A1, m[4], { points: points([1, 1, 1]) });
      expect(after.status).toBe(409);
      expect(after.body.code).toBe('scoring-not-open');
    });

    it('refuses to close without quorum and stores nothing', async () => {
      const response = await close(lot.id, m[0], {
        membersPresent: [m[0].id, m[1].id],
        decision: 'Присудить грант',
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'event-refused',
        facts: { membersPresent: 2, commissionSize: 5, allSheetsSubmitted: false, rankedCount: 3 },
      });
      const [counts] = await t.database.query<{ protocols: number; awards: number }>(
        `SELECT (SELECT count(*)::int FROM evaluation_protocols WHERE lot_id = $1) AS protocols,
                (SELECT count(*)::int FROM awards WHERE lot_id = $1) AS awards`,
        [lot.id],
      );
      expect(counts).toEqual({ protocols: 0, awards: 0 });
      expect(await state(lot.id)).toBe('evaluation.meeting');
    });

    it('lets only the chair close, with members of the round present and dissent from them', async () => {
      const body = { membersPresent: [m[0].id, m[1].id, m[2].id], decision: 'x' };
      expect((await close(lot.id, m[1], body)).body.code).toBe('chair-only');
      const stranger = await close(lot.id, m[0], {
        ...body,
        membersPresent: [...body.membersPresent, outsider.id],
      });
      expect(stranger.status).toBe(422);
      expect(stranger.body).toMatchObject({
        code: 'not-commission-member',
        userIds: [outsider.id],
      });
      const absent = await close(lot.id, m[0], {
        ...body,
        dissent: [{ memberUserId: m[3].id, text: 'no' }],
      });
      expect(absent.status).toBe(422);
      expect(absent.body.code).toBe('dissent-not-present');
      const malformed = await close(lot.id, m[0], { ...body, membersPresent: ['m1'] });
      expect(malformed.status).toBe(400);
    });

    describe('once closed with quorum', () => {
      let closed: { status: number; body: Record<string, unknown> };
      let protocol: EvaluationProtocolDocument;

      beforeAll(async () => {
        closed = await close(lot.id, m[0], {
          membersPresent: [m[0].id, m[1].id, m[2].id, m[3].id],
          decision: 'Присудить грант первому в рейтинге <script>alert("x")</script>',
          dissent: [{ memberUserId: m[2].id, text: 'A1 & A3 <b>равны</b>' }],
        });
        protocol = closed.body.protocol as EvaluationProtocolDocument;
      });

      it('moves the lot to the standstill and returns the protocol with its hash', () => {
        expect(closed.status).toBe(200);
        expect(closed.body).toMatchObject({
          lotId: lot.id,
          round: 1,
          lotState: 'award.standstill',
          closedBy: m[0].id,
          protocolHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      });

      it('ranks and aggregates as computed by hand', () => {
        const label = (id: string) => LABELS.find((l) => lot.apps[l] === id);
        expect(
          protocol.ranking.entries.map((e) => [label(e.applicationId), e.rank, e.score]),
        ).toEqual([
          ['A3', 1, 77.5],
          ['A1', 2, 77.5],
          ['A2', 3, 76.25],
        ]);
        expect(protocol.ranking.entries[0]).toMatchObject({
          tiedWith: [lot.apps.A1],
          tieBrokenBy: 'earliestSubmission',
        });
        expect(protocol.notRanked).toEqual([
          {
            applicationId: lot.apps.A4,
            status: 'belowThreshold',
            reasons: [{ kind: 'criterionMinimum', criterion: 'plan', mean: 7.5, minimum: 8 }],
          },
        ]);
        const byLabel = Object.fromEntries(
          protocol.applications.map((a) => [
            label(a.applicationId),
            [a.aggregate, a.count, a.min, a.max, a.stddev, a.highSpread, a.status],
          ]),
        );
        expect(byLabel).toEqual({
          A1: [77.5, 4, 67.5, 90, 8.4779, false, 'qualified'],
          A2: [76.25, 3, 68.75, 87.5, 8.1009, false, 'qualified'],
          A3: [77.5, 4, 75, 80, 1.7678, false, 'qualified'],
          A4: [75.7292, 4, 70, 86.25, 6.3354, false, 'belowThreshold'],
        });
        const a1 = protocol.applications.find((a) => a.applicationId === lot.apps.A1);
        expect(a1?.criteria).toEqual([
          { code: 'experience', mean: 8, scored: 4, notApplicable: 0 },
          { code: 'plan', mean: 15, scored: 4, notApplicable: 0 },
          { code: 'budget', mean: 7, scored: 3, notApplicable: 1 },
        ]);
        expect(typeof a1?.normalisedAggregate).toBe('number');
        const a2 = protocol.applications.find((a) => a.applicationId === lot.apps.A2);
        expect(a2?.excluded).toEqual({
          recused: [m[3].id],
          notSubmitted: [m[4].id],
          notMember: [],
        });
        expect(a1?.excluded).toEqual({ recused: [], notSubmitted: [m[4].id], notMember: [] });
      });

      it('records the commission, declarations, admissibility, rules, decision and dissent', () => {
        expect(protocol).toMatchObject({
          format: 'soczakaz.evaluation-protocol/1',
          round: 1,
          finalRound: true,
          shortlist: null,
          allSheetsSubmitted: false,
          scoringDeadlinePassed: true,
          dissent: [{ memberUserId: m[2].id, name: 'Член 3', text: 'A1 & A3 <b>равны</b>' }],
          rules: {
            totalMethod: 'weightedMean',
            aggregateMethod: 'mean',
            scale: 100,
            minTotal: null,
            tieRule: 'earliestSubmission',
            rankBasis: 'raw',
            maxAmount: TERRITORY.maxAmount,
          },
          commission: { size: 5, present: 4, quorum: { numerator: 1, denominator: 2 } },
        });
        const rows = protocol.commission.members.map((x) => [
          x.name,
          x.office,
          x.present,
          x.declaration?.links,
        ]);
        expect(rows.slice(0, 2)).toEqual([
          ['Голова', 'chair', true, []],
          ['Секретар', 'secretary', true, []],
        ]);
        expect(rows.slice(2)).toHaveLength(3);
        expect(rows.slice(2)).toEqual(
          expect.arrayContaining([
            ['Член 3', 'member', true, []],
            ['Член 4', 'member', true, [{ applicationId: lot.apps.A2, link: 'founder' }]],
            ['Член 5', 'member', false, []],
          ]),
        );
        expect(protocol.admissibility).toHaveLength(5);
        expect(protocol.admissibility.at(-1)).toMatchObject({
          applicationId: lot.rejected,
          decision: 'rejected',
          reasonCode: 'missing-document',
        });
      });

      it('keeps every individual sheet out of the protocol', () => {
        const text = JSON.stringify(closed.body);
        expect(text).not.toContain('"sheets"');
        expect(text).not.toContain('секретный комментарий');
        expect(text).not.toContain('"memberId"');
      });

      it('awards the winner in the same transaction, pending through the standstill', async () => {
        expect(protocol.awards).toEqual([
          {
            applicationId: lot.apps.A3,
            ngoId: lot.ngos.A3.id,
            rank: 1,
            requested: REQUESTED.A3,
            amount: REQUESTED.A3,
            splitWith: [],
          },
        ]);
        const awards = await t.database.query(
          `SELECT application_id AS "applicationId", ngo_id AS "ngoId", rank, amount::int AS amount,
                  currency, status
             FROM awards WHERE lot_id = $1`,
          [lot.id],
        );
        expect(awards).toEqual([
          {
            applicationId: lot.apps.A3,
            ngoId: lot.ngos.A3.id,
            rank: 1,
            amount: REQUESTED.A3,
            currency: 'UAH',
            status: 'pending',
          },
        ]);
      });

      it('serves the protocol whose hash verifies, with member totals for the chair only', async () => {
        const chair = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol?round=1`)
          .set(bearer(m[0].token))
          .expect(200);
        const hash = createHash('sha256').update(canonicalJson(chair.body.protocol)).digest('hex');
        expect(hash).toBe(chair.body.protocolHash);
        expect(chair.body.protocolHash).toBe(closed.body.protocolHash);
        const [row] = await t.database.query<{ hash: string }>(
          `SELECT protocol_hash AS hash FROM evaluation_protocols WHERE lot_id = $1 AND round = 1`,
          [lot.id],
        );
        expect(row.hash).toBe(hash);
        const totals = chair.body.memberTotals as {
          applicationId: string;
          memberUserId: string;
          total: number;
        }[];
        const a1 = totals
          .filter((x) => x.applicationId === lot.apps.A1)
          .map((x) => [m.findIndex((member) => member.id === x.memberUserId), x.total]);
        expect(new Map(a1 as [number, number][])).toEqual(
          new Map([
            [0, 80],
            [1, 67.5],
            [2, 90],
            [3, 72.5],
          ]),
        );
        expect(totals.filter((x) => x.applicationId === lot.apps.A2)).toHaveLength(3);

        const member = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol`)
          .set(bearer(m[2].token))
          .expect(200);
        expect(member.body.memberTotals).toBeUndefined();
        const staff = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol`)
          .set(bearer(buyer.staffToken))
          .expect(200);
        expect(staff.body.protocolHash).toBe(hash);
        expect(staff.body.memberTotals).toBeUndefined();
        const ngo = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol`)
          .set(bearer(lot.ngos.A1.token));
        expect(ngo.status).toBe(403);
        const round2 = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol?round=2`)
          .set(bearer(m[0].token));
        expect(round2.status).toBe(404);
      });

      it('renders the protocol as HTML with every text escaped', async () => {
        const page = await t.http
          .get(`/lots/${lot.id}/evaluation/protocol.html`)
          .set(bearer(buyer.staffToken))
          .expect(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(page.text).toContain('ОО «&lt;script&gt;alert(1)&lt;/script&gt;»');
        expect(page.text).toContain('A1 &amp; A3 &lt;b&gt;равны&lt;/b&gt;');
        expect(page.text).toContain('Нет устава &lt;i&gt;организации&lt;/i&gt;');
        expect(page.text).not.toContain('<script>');
        expect(page.text).toContain(closed.body.protocolHash as string);
      });

      it('does not close the same meeting twice', async () => {
        const again = await close(lot.id, m[0], {
          membersPresent: [m[0].id, m[1].id, m[2].id],
          decision: 'again',
        });
        expect(again.status).toBe(409);
      });
    });
  });

  describe('a meeting convened before the deadline, with a tie for the commission to vote on', () => {
    let lot: ScoringLot;
    let m: Member[];

    beforeAll(async () => {
      m = members.slice(0, 4);
      const programmeId = await programme('UA', 'ua-competition', 'UAH');
      lot = await scoringLot(programmeId, { tieRule: 'commissionVote' }, (apps) => [
        { member: m[0], office: 'chair', links: [] },
        { member: m[1], office: 'secretary', links: [] },
        { member: m[2], office: 'member', links: [] },
        {
          member: m[3],
          office: 'member',
          links: [{ applicationId: apps.A2, link: 'paidLast12Months' }],
        },
      ]);
      for (const [member, label, given] of SHEETS) {
        await score(lot.id, lot.apps[label], m[member], given);
      }
    }, 120_000);

    it('convenes once every non-recused member submitted every sheet', async () => {
      const response = await t.http
        .post(`/lots/${lot.id}/evaluation/meeting`)
        .set(bearer(m[0].token));
      expect(response.status).toBe(200);
      expect(response.body.state).toBe('evaluation.meeting');
    });

    it('asks for the commission’s vote on the tie, then ranks by it', async () => {
      const body = { membersPresent: m.map((x) => x.id), decision: 'Присудить грант' };
      const tied = await close(lot.id, m[0], body);
      expect(tied.status).toBe(409);
      expect(tied.body.code).toBe('tie-unresolved');
      expect(tied.body.unresolvedTies.map((group: string[]) => [...group].sort())).toEqual([
        [lot.apps.A1, lot.apps.A3].sort(),
      ]);
      const stray = await close(lot.id, m[0], { ...body, vote: { order: [lot.rejected] } });
      expect(stray.status).toBe(422);
      expect(stray.body.code).toBe('vote-unknown-application');

      const voted = await close(lot.id, m[0], {
        ...body,
        vote: { votes: { [lot.apps.A1]: 3, [lot.apps.A3]: 1 } },
      });
      expect(voted.status).toBe(200);
      const protocol = voted.body.protocol as EvaluationProtocolDocument;
      expect(protocol.allSheetsSubmitted).toBe(true);
      expect(protocol.scoringDeadlinePassed).toBe(false);
      expect(protocol.ranking.entries.slice(0, 2)).toEqual([
        expect.objectContaining({
          applicationId: lot.apps.A1,
          rank: 1,
          tieBrokenBy: 'commissionVote',
        }),
        expect.objectContaining({ applicationId: lot.apps.A3, rank: 2 }),
      ]);
      expect(protocol.ranking.vote).toEqual({ votes: { [lot.apps.A1]: 3, [lot.apps.A3]: 1 } });
      expect(protocol.awards.map((a) => a.applicationId)).toEqual([lot.apps.A1]);
    });
  });

  describe('two rounds (kz-two-round)', () => {
    let lot: ScoringLot;
    let first: Member[];
    let second: Member[];
    const seatsOf = (who: Member[]): Seat[] =>
      who.map((member, index) => ({
        member,
        office: index === 0 ? 'chair' : index === 1 ? 'secretary' : 'member',
        links: [],
      }));

    beforeAll(async () => {
      first = members.slice(0, 3);
      second = [members[3], members[4], outsider];
      const programmeId = await programme('KZ', 'kz-two-round', 'KZT');
      lot = await scoringLot(
        programmeId,
        { tieRule: 'earliestSubmission' },
        () => seatsOf(first),
        'ngo',
      );
      // Round two's commission is named while round one is under way.
      await compose(lot.id, 2, seatsOf(second), 'ngo');
      for (const [member, label, given] of SHEETS.filter(([index]) => index < 3)) {
        await score(lot.id, lot.apps[label], first[member], given);
      }
      await t.http
        .post(`/lots/${lot.id}/evaluation/meeting`)
        .set(bearer(first[0].token))
        .expect(200);
    }, 120_000);

    it('shortlists the top three of round one for round two, without an award', async () => {
      const closed = await close(lot.id, first[0], {
        membersPresent: first.map((x) => x.id),
        decision: 'В республиканский тур',
      });
      expect(closed.status).toBe(200);
      expect(closed.body.lotState).toBe('evaluation.secondRound.scoring');
      const protocol = closed.body.protocol as EvaluationProtocolDocument;
      // Without m4: A1 (80, 67.5, 90) 79.1667; A3 (75, 77.5, 80) 77.5; A2 76.25; A4 below threshold.
      expect(protocol.shortlist).toEqual([lot.apps.A1, lot.apps.A3, lot.apps.A2]);
      expect(protocol).toMatchObject({ finalRound: false, awards: [] });
      const awards = await t.database.query(`SELECT id FROM awards WHERE lot_id = $1`, [lot.id]);
      expect(awards).toEqual([]);
    });

    it('scores in round two only the shortlist, by round two’s own commission', async () => {
      await declare(lot.id, seatsOf(second));
      const roundOneMember = await putSheet(lot.id, lot.apps.A1, first[1], { points: {} });
      expect(roundOneMember.status).toBe(403);
      expect(roundOneMember.body).toMatchObject({ code: 'not-commission-member', round: 2 });
      // Who sat on round one still reads their own sheets of it.
      const theirs = await t.http
        .get(`/lots/${lot.id}/score-sheets/mine`)
        .set(bearer(first[1].token))
        .expect(200);
      expect(theirs.body).toHaveLength(4);
      expect(theirs.body.every((sheet: { round: number }) => sheet.round === 1)).toBe(true);
      const dropped = await putSheet(lot.id, lot.apps.A4, second[0], { points: {} });
      expect(dropped.status).toBe(409);
      expect(dropped.body).toMatchObject({ code: 'application-not-scored', round: 2 });

      const round2: [Label, Points][] = [
        ['A1', [6, 12, 6]],
        ['A2', [9, 18, 9]],
        ['A3', [7, 14, 7]],
      ];
      for (const member of second) {
        for (const [label, given] of round2) await score(lot.id, lot.apps[label], member, given);
      }
      await t.http
        .post(`/lots/${lot.id}/evaluation/meeting`)
        .set(bearer(second[0].token))
        .expect(200);
      expect(await state(lot.id)).toBe('evaluation.secondRound.meeting');
    });

    it('awards the winner of round two and keeps both protocols', async () => {
      const closed = await close(lot.id, second[0], {
        membersPresent: second.map((x) => x.id),
        decision: 'Присудить грант',
      });
      expect(closed.status).toBe(200);
      expect(closed.body.lotState).toBe('award.standstill');
      const protocol = closed.body.protocol as EvaluationProtocolDocument;
      expect(protocol).toMatchObject({ round: 2, finalRound: true, shortlist: null });
      expect(protocol.applications.map((a) => a.applicationId).sort()).toEqual(
        [lot.apps.A1, lot.apps.A2, lot.apps.A3].sort(),
      );
      expect(protocol.ranking.entries.map((e) => e.applicationId)).toEqual([
        lot.apps.A2,
        lot.apps.A3,
        lot.apps.A1,
      ]);
      const awards = await t.database.query<{ applicationId: string; currency: string }>(
        `SELECT application_id AS "applicationId", currency FROM awards WHERE lot_id = $1`,
        [lot.id],
      );
      expect(awards).toEqual([{ applicationId: lot.apps.A2, currency: 'KZT' }]);
      const first = await t.http
        .get(`/lots/${lot.id}/evaluation/protocol?round=1`)
        .set(bearer(buyer.staffToken))
        .expect(200);
      expect(first.body.protocol.shortlist).toHaveLength(3);
      const last = await t.http
        .get(`/lots/${lot.id}/evaluation/protocol`)
        .set(bearer(buyer.staffToken))
        .expect(200);
      expect(last.body.round).toBe(2);
    });
  });
});
