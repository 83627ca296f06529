import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/auth/actor.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { CallsService } from '../../src/calls/calls.service.js';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { DeadlineProcessor } from '../../src/deadlines/deadline.processor.js';
import {
  buildEvaluationProtocol,
  evaluationProtocolHash,
  evaluationRulesOf,
} from '../../src/evaluation/evaluation-protocol.js';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import type { DeadlineJobData } from '../../src/queue/queues.js';
import { createNgo, proposal, submitApplication, type TestNgo } from '../fixtures/applications.js';
import { openCall } from '../fixtures/calls.js';
import { createUaBuyer, createUaProgramme, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';

const TERRITORY = { name: 'Кропивницький', maxAmount: 100_000_000 };
/** Requested amounts (minor units): the best-ranked, the runner-up, one below the threshold. */
const REQUESTED = { first: 80_000_000, second: 90_000_000, below: 50_000_000 };
/** Points per criterion of the call (experience ×2, approach, partners N/A allowed), per member. */
const POINTS = {
  first: [
    { experience: 38, approach: 28, partners: 9 },
    { experience: 36, approach: 27, partners: 'NA' },
  ],
  second: [
    { experience: 30, approach: 22, partners: 'NA' },
    { experience: 31, approach: 21, partners: 6 },
  ],
  below: [
    { experience: 12, approach: 10, partners: 2 },
    { experience: 14, approach: 9, partners: 'NA' },
  ],
} as const;

type Rank = keyof typeof REQUESTED;

interface AwardedLot {
  lotId: string;
  ngos: Record<Rank, TestNgo>;
  applications: Record<Rank, string>;
}

interface AwardRow {
  applicationId: string;
  rank: number;
  amount: string;
  status: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
}

/**
 * Awards: complaints during the standstill, their decisions, declines passing the award down the
 * ranking, published results and re-announcement. The evaluation before the award is built by
 * the evaluation module's own endpoints elsewhere; here the admissibility decisions, commission,
 * score sheets, protocol and the first award are written with SQL (the protocol by the
 * evaluation module's own builder), and the events to the award sent through the engine, whose
 * facts the modules compute from those rows.
 */
describe('Awards, complaints and re-announcement (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let programmeId: string;
  let engine: LotEngine;
  let chair: { id: string; actor: Actor };
  let member: { id: string; token: string };
  let staffActor: Actor;
  let lotCounter = 0;

  const auth = <T extends { auth: (token: string, options: { type: 'bearer' }) => T }>(
    request: T,
    token: string,
  ) => request.auth(token, { type: 'bearer' });

  async function userIdOf(token: string): Promise<string> {
    return (await auth(t.http.get('/me'), token).expect(200)).body.id as string;
  }

  async function actorOf(token: string): Promise<Actor> {
    const actor = await t.app.get(AuthService).actorOf(await userIdOf(token));
    if (!actor) throw new Error('No actor');
    return actor;
  }

  async function lotState(lotId: string): Promise<string> {
    const [row] = await t.database.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = $1`,
      [lotId],
    );
    return row.state;
  }

  async function awardsOf(lotId: string): Promise<AwardRow[]> {
    return t.database.query<AwardRow>(
      `SELECT application_id AS "applicationId", rank, amount, status,
              status_reason AS "statusReason", status_changed_at AS "statusChangedAt"
       FROM awards WHERE lot_id = $1 ORDER BY rank, decided_at`,
      [lotId],
    );
  }

  /** Moves a deadline to a second ago by the database clock. */
  async function pastDue(lotId: string, kind: string): Promise<void> {
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = clock_timestamp() - interval '1 second'
       WHERE lot_id = $1 AND kind = $2`,
      [lotId, kind],
    );
  }

  /** The standstill's deadline job as the worker runs it (same processor, same transaction). */
  async function endStandstill(lotId: string) {
    await pastDue(lotId, 'standstill');
    const [row] = await t.database.query<{ generation: number }>(
      `SELECT generation FROM lot_deadlines WHERE lot_id = $1 AND kind = 'standstill'`,
      [lotId],
    );
    const job = {
      name: 'fire',
      data: { lotId, kind: 'standstill', generation: row.generation },
      moveToDelayed: async () => undefined,
    } as unknown as Job<DeadlineJobData>;
    return t.app.get(DeadlineProcessor).process(job);
  }

  async function newLot(): Promise<string> {
    lotCounter += 1;
    const created = await auth(t.http.post(`/programmes/${programmeId}/lots`), buyer.staffToken)
      .send({
        number: `${lotCounter}.1`,
        theme: 'Соціальна профілактика для клієнтів пробації',
        territories: [TERRITORY],
      })
      .expect(201);
    return created.body.id as string;
  }

  function application(amount: number): Record<string, unknown> {
    return {
      ...proposal(amount),
      requestedAmount: undefined,
      territories: [{ name: TERRITORY.name, amount }],
    };
  }

  /**
   * A lot of the UA profile taken to award.standstill: three NGOs apply, all are admitted, two
   * members score (the third application stays below the call's threshold), the scoring deadline
   * passes, and the meeting closes with the protocol and the first award as the evaluation
   * module writes them.
   */
  async function lotInStandstill(): Promise<AwardedLot> {
    const lotId = await newLot();
    await openCall(t, buyer, lotId, { callPeriodDays: 30 });
    const ngos = {
      first: await createNgo(t, adminToken, { name: 'ГО «Перший крок»' }),
      second: await createNgo(t, adminToken, { name: 'БФ «Надія»' }),
      below: await createNgo(t, adminToken, { name: 'ГО «Світанок»' }),
    };
    const applications = {
      first: (await submitApplication(t, ngos.first, lotId, application(REQUESTED.first))).id,
      second: (await submitApplication(t, ngos.second, lotId, application(REQUESTED.second))).id,
      below: (await submitApplication(t, ngos.below, lotId, application(REQUESTED.below))).id,
    };
    await pastDue(lotId, 'callClose');
    await engine.apply(lotId, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);

    for (const id of Object.values(applications)) {
      await t.database.query(
        `INSERT INTO admissibility_decisions (application_id, lot_id, decision, decided_by)
         VALUES ($1, $2, 'admitted', $3)`,
        [id, lotId, chair.id],
      );
    }
    await t.database.query(
      `INSERT INTO commission_members (lot_id, round, user_id, office, added_by)
       VALUES ($1, 1, $2, 'chair', $4), ($1, 1, $3, 'member', $4)`,
      [lotId, chair.id, member.id, staffActor.userId],
    );
    await engine.apply(lotId, { type: 'ADMISSIBILITY_DONE' }, chair.actor);
    await t.database.query(
      `INSERT INTO conflict_declarations (lot_id, round, member_user_id) VALUES ($1, 1, $2), ($1, 1, $3)`,
      [lotId, chair.id, member.id],
    );
    const memberIds = [chair.id, member.id];
    const sheets = (Object.keys(applications) as Rank[]).flatMap((rank) =>
      memberIds.map((memberUserId, index) => ({
        applicationId: applications[rank],
        memberUserId,
        points: POINTS[rank][index],
        submitted: true,
      })),
    );
    for (const sheet of sheets) {
      await t.database.query(
        `INSERT INTO score_sheets
           (lot_id, round, application_id, member_user_id, points, status, submitted_at)
         VALUES ($1, 1, $2, $3, $4, 'submitted', now())`,
        [lotId, sheet.applicationId, sheet.memberUserId, JSON.stringify(sheet.points)],
      );
    }
    await pastDue(lotId, 'scoring');
    await engine.apply(lotId, { type: 'SCORING_DEADLINE' }, SYSTEM_ACTOR);

    const announcement = await t.app
      .get(CallsService)
      .current(lotId, t.app.get(DataSource).manager);
    if (!announcement) throw new Error('No call');
    const submitted = await t.database.query<{ id: string; ngoId: string; submittedAt: Date }>(
      `SELECT id, ngo_id AS "ngoId", submitted_at AS "submittedAt" FROM applications
       WHERE lot_id = $1 ORDER BY submitted_at`,
      [lotId],
    );
    const names = new Map((Object.keys(ngos) as Rank[]).map((r) => [ngos[r].id, `NGO ${r}`]));
    const requested = new Map(
      (Object.keys(applications) as Rank[]).map((r) => [applications[r], REQUESTED[r]]),
    );
    const closedAt = new Date();
    const outcome = buildEvaluationProtocol({
      rules: evaluationRulesOf(announcement),
      memberIds,
      applications: submitted.map((row) => ({
        applicationId: row.id,
        ngoId: row.ngoId,
        ngo: names.get(row.ngoId) ?? '',
        submittedAt: row.submittedAt,
        requestedAmount: requested.get(row.id) ?? 0,
      })),
      recusals: new Map(),
      sheets,
      lot: {
        id: lotId,
        number: `${lotCounter}.1`,
        theme: 'Соціальна профілактика для клієнтів пробації',
        programmeId,
        programmeTitle: 'Соціальне замовлення 2026',
        buyerId: buyer.id,
        buyer: 'Кропивницький міський центр соціальних служб',
        profileId: 'ua-competition',
        currency: 'UAH',
        timeZone: 'Europe/Kyiv',
      },
      round: 1,
      finalRound: true,
      shortlistSize: null,
      closedAt,
      closedBy: chair.id,
      announcement: {
        version: announcement.version,
        criteria: announcement.criteria,
        tieRule: announcement.tieRule,
        priorityCriterion: announcement.priorityCriterion,
        maxAmount: announcement.maxAmount,
      },
      quorum: { numerator: 2, denominator: 3 },
      members: [
        { userId: chair.id, name: 'Голова комісії', office: 'chair', nominatedBy: null },
        { userId: member.id, name: 'Член комісії', office: 'member', nominatedBy: null },
      ],
      declarations: memberIds.map((memberUserId) => ({
        memberUserId,
        declaredAt: closedAt,
        links: [],
      })),
      membersPresent: memberIds,
      admissibility: submitted.map((row) => ({
        applicationId: row.id,
        ngoId: row.ngoId,
        ngo: names.get(row.ngoId) ?? '',
        submittedAt: row.submittedAt,
        decision: 'admitted' as const,
        reasonCode: null,
        reason: null,
        decidedAt: closedAt,
      })),
      vote: null,
      scoringDeadlinePassed: true,
      decision: 'Присудити грант заявнику з найвищим балом',
      dissent: [],
    });
    if (outcome.status !== 'closed') throw new Error('The ranking has unresolved ties');
    const { protocol } = outcome;
    await t.database.query(
      `INSERT INTO evaluation_protocols
         (lot_id, round, members_present, protocol, protocol_hash, closed_by, closed_at)
       VALUES ($1, 1, $2, $3, $4, $5, $6)`,
      [
        lotId,
        memberIds,
        JSON.stringify(protocol),
        evaluationProtocolHash(protocol),
        chair.id,
        closedAt,
      ],
    );
    for (const award of protocol.awards) {
      await t.database.query(
        `INSERT INTO awards (lot_id, application_id, ngo_id, rank, amount, currency)
         VALUES ($1, $2, $3, $4, $5, 'UAH')`,
        [lotId, award.applicationId, award.ngoId, award.rank, award.amount],
      );
    }
    const { lot } = await engine.apply(lotId, { type: 'CLOSE_EVALUATION' }, chair.actor);
    expect(lot.state).toBe('award.standstill');
    return { lotId, ngos, applications };
  }

  function complain(lotId: string, who: TestNgo, text = 'Переможець не має досвіду з цією групою') {
    return auth(t.http.post(`/lots/${lotId}/complaints`), who.token).send({ text });
  }

  function decide(lotId: string, complaintId: string, decision: string, text: string) {
    return auth(
      t.http.post(`/lots/${lotId}/complaints/${complaintId}/decision`),
      buyer.staffToken,
    ).send({ decision, text });
  }

  async function inbox(token: string): Promise<string[]> {
    const response = await auth(t.http.get('/me/notifications'), token).expect(200);
    return (response.body.items as { name: string }[]).map((item) => item.name);
  }

  /** Notifications are sent by the worker after commit: waits until `name` arrives. */
  async function received(token: string, name: string): Promise<boolean> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await inbox(token)).includes(name)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  beforeAll(async () => {
    t = await startTestApp({ withWorker: true, env: { LOG_LEVEL: 'error' } });
    engine = t.app.get(LotEngine);
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createUaBuyer(t, adminToken);
    chair = {
      id: await userIdOf(buyer.commissionToken),
      actor: await actorOf(buyer.commissionToken),
    };
    const second = await auth(t.http.post(`/organisations/${buyer.id}/members`), adminToken)
      .send({ email: uniqueEmail('member'), fullName: 'Член комісії', role: 'commission_member' })
      .expect(201);
    const memberToken = await t.login(second.body.email, second.body.initialPassword);
    member = { id: await userIdOf(memberToken), token: memberToken };
    staffActor = await actorOf(buyer.staffToken);
    programmeId = await createUaProgramme(t, buyer);
  }, 60_000);
  afterAll(async () => t.close());

  it('publishes the ranking, the winner and the protocol once the standstill starts, never a sheet', async () => {
    const lotId = await newLot();
    await openCall(t, buyer, lotId, { callPeriodDays: 30 });
    // Before the evaluation closes there are no results.
    const early = await t.http.get(`/public/lots/${lotId}/results`).expect(404);
    expect(early.body).toMatchObject({ code: 'results-not-published', status: 404 });
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);

    const { lotId: awarded, ngos, applications } = await lotInStandstill();
    const response = await t.http.get(`/public/lots/${awarded}/results`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=30');
    const results = response.body;
    expect(results).toMatchObject({
      lotId: awarded,
      state: 'award.standstill',
      round: 1,
      ranking: [
        {
          rank: 1,
          applicationId: applications.first,
          ngoId: ngos.first.id,
          ngoName: 'ГО «Перший крок»',
          count: 2,
          highSpread: false,
        },
        { rank: 2, applicationId: applications.second, ngoName: 'БФ «Надія»', count: 2 },
      ],
      winners: [
        {
          ngoId: ngos.first.id,
          ngoName: 'ГО «Перший крок»',
          rank: 1,
          amount: REQUESTED.first,
          currency: 'UAH',
          status: 'pending',
        },
      ],
    });
    // Weighted mean on 0–100 (experience counts twice, N/A left out), averaged over two members:
    // (93.3333 + 90) / 2 for the first, (74.4444 + 71.25) / 2 for the second.
    expect(results.ranking[0].score).toBeCloseTo(91.6667, 3);
    expect(results.ranking[0].aggregate).toBe(results.ranking[0].score);
    expect(results.ranking[1].score).toBeCloseTo(72.8472, 3);
    expect(results.ranking).toHaveLength(2);
    expect(results.protocol.notRanked).toEqual([
      expect.objectContaining({ applicationId: applications.below, status: 'belowThreshold' }),
    ]);
    // The protocol as locked: its hash checks out, and no member's points are in it.
    const [stored] = await t.database.query<{ hash: string }>(
      `SELECT protocol_hash AS hash FROM evaluation_protocols WHERE lot_id = $1`,
      [awarded],
    );
    expect(results.protocolHash).toBe(stored.hash);
    expect(createHash('sha256').update(canonicalJson(results.protocol), 'utf8').digest('hex')).toBe(
      stored.hash,
    );
    const published = JSON.stringify(results);
    expect(published).not.toMatch(/"(sheets|points)"/);
    expect(published).not.toContain('"experience":38');

    // The applicants see the outcome in their own list.
    const mine = async (ngo: TestNgo) =>
      (await auth(t.http.get('/me/applications'), ngo.token).expect(200)).body.items[0];
    expect(await mine(ngos.first)).toMatchObject({ lotId: awarded, outcome: 'awarded' });
    expect(await mine(ngos.second)).toMatchObject({ lotId: awarded, outcome: 'notAwarded' });

    await t.http
      .get(`/public/lots/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/results`)
      .expect(404);
    const bad = await t.http.get('/public/lots/not-a-uuid/results').expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('holds the standstill while a complaint is open; dismissed, the award becomes active', async () => {
    const { lotId, ngos, applications } = await lotInStandstill();
    const filed = await complain(lotId, ngos.second).expect(201);
    const [award] = await awardsOf(lotId);
    expect(filed.body).toMatchObject({
      lotId,
      ngoId: ngos.second.id,
      ngoName: 'БФ «Надія»',
      status: 'open',
      decision: null,
    });
    const [{ awardId }] = await t.database.query<{ awardId: string }>(
      `SELECT id AS "awardId" FROM awards WHERE lot_id = $1 AND application_id = $2`,
      [lotId, applications.first],
    );
    expect(filed.body.awardId).toBe(awardId);

    // Who sees it: the buyer's staff and commission all, an NGO its own only.
    for (const token of [buyer.staffToken, buyer.commissionToken, ngos.second.token]) {
      const listed = await auth(t.http.get(`/lots/${lotId}/complaints`), token).expect(200);
      expect(listed.body.map((c: { id: string }) => c.id)).toEqual([filed.body.id]);
    }
    expect(
      (await auth(t.http.get(`/lots/${lotId}/complaints`), ngos.first.token).expect(200)).body,
    ).toEqual([]);

    // The window ends with the complaint open: the lot stays in its standstill.
    expect(await endStandstill(lotId)).toBe('fired');
    expect(await lotState(lotId)).toBe('award.standstill');
    const history = await auth(t.http.get(`/lots/${lotId}/history`), buyer.staffToken).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'STANDSTILL_ENDS',
      actorRole: 'system',
      payload: { openComplaints: 1 },
      toState: 'award.standstill',
    });
    // The winner hears that complaints hold the award (as the grantee); the complainant does not.
    expect(await received(ngos.first.token, 'lot.awardHeldByComplaints')).toBe(true);
    expect(await inbox(ngos.second.token)).not.toContain('lot.awardHeldByComplaints');

    // After the window, no new complaint.
    const late = await complain(lotId, ngos.below).expect(409);
    expect(late.body).toMatchObject({ code: 'standstill-closed', state: 'award.standstill' });

    const dismissed = await decide(lotId, filed.body.id, 'dismissed', 'Досвід підтверджено').expect(
      200,
    );
    expect(dismissed.body).toMatchObject({
      id: filed.body.id,
      status: 'dismissed',
      decision: 'Досвід підтверджено',
      lotState: 'award.contracting',
    });
    const resolved = await auth(t.http.get(`/lots/${lotId}/history`), buyer.staffToken).expect(200);
    expect(resolved.body.at(-1)).toMatchObject({
      eventType: 'COMPLAINTS_RESOLVED',
      actorRole: 'system',
      actorUserId: null,
      payload: { openComplaints: 0 },
    });
    const [active] = await awardsOf(lotId);
    expect(active).toMatchObject({ applicationId: award.applicationId, status: 'active' });
    expect(active.statusChangedAt).toBeInstanceOf(Date);
    const again = await decide(lotId, filed.body.id, 'upheld', 'Передумали').expect(409);
    expect(again.body.code).toBe('complaint-decided');
    const results = await t.http.get(`/public/lots/${lotId}/results`).expect(200);
    expect(results.body.winners).toEqual([expect.objectContaining({ status: 'active' })]);
  });

  it('an upheld complaint annuls the award and sends the lot back to the meeting', async () => {
    const { lotId, ngos } = await lotInStandstill();
    const filed = await complain(lotId, ngos.below).expect(201);
    // Dismissed before the window ends: the award waits for the standstill's end.
    const other = await complain(lotId, ngos.second).expect(201);
    const first = await decide(lotId, other.body.id, 'dismissed', 'Без підстав').expect(200);
    expect(first.body.lotState).toBe('award.standstill');

    const upheld = await decide(
      lotId,
      filed.body.id,
      'upheld',
      'Порушено порядок оцінювання',
    ).expect(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', lotState: 'evaluation.meeting' });
    expect(await awardsOf(lotId)).toEqual([
      expect.objectContaining({ status: 'annulled', statusReason: 'Порушено порядок оцінювання' }),
    ]);
    const history = await auth(t.http.get(`/lots/${lotId}/history`), buyer.staffToken).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'ANNUL_AWARD',
      actorRole: 'buyer_staff',
      payload: { reason: 'Порушено порядок оцінювання' },
    });
    // Back in evaluation: no results, no declines, no complaints.
    await t.http.get(`/public/lots/${lotId}/results`).expect(404);
    const decline = await auth(t.http.post(`/lots/${lotId}/award/decline`), buyer.staffToken)
      .send({ reason: 'Не підписав' })
      .expect(409);
    expect(decline.body.code).toBe('lot-not-in-award');
    const complaint = await complain(lotId, ngos.second).expect(409);
    expect(complaint.body).toMatchObject({
      code: 'standstill-closed',
      state: 'evaluation.meeting',
    });
  });

  it('passes a declined award to the next in rank with a fresh standstill; the last decline leaves the lot unsuccessful, re-announced once', async () => {
    const { lotId, ngos, applications } = await lotInStandstill();
    await pastDue(lotId, 'standstill');
    const notWinner = await auth(t.http.post(`/lots/${lotId}/award/decline`), ngos.second.token)
      .send({ reason: 'Хочемо замість переможця' })
      .expect(403);
    expect(notWinner.body.code).toBe('not-the-winner');

    const declined = await auth(t.http.post(`/lots/${lotId}/award/decline`), ngos.first.token)
      .send({ reason: 'Організація не має приміщення' })
      .expect(200);
    expect(declined.body).toMatchObject({ state: 'award.standstill' });
    expect(await awardsOf(lotId)).toEqual([
      expect.objectContaining({
        applicationId: applications.first,
        status: 'declined',
        statusReason: 'Організація не має приміщення',
      }),
      expect.objectContaining({
        applicationId: applications.second,
        rank: 2,
        amount: String(REQUESTED.second),
        status: 'pending',
      }),
    ]);
    const [deadline] = await t.database.query<{
      future: boolean;
      generation: number;
      firedAt: Date | null;
    }>(
      `SELECT due_at > clock_timestamp() AS future, generation, fired_at AS "firedAt"
       FROM lot_deadlines WHERE lot_id = $1 AND kind = 'standstill'`,
      [lotId],
    );
    expect(deadline).toEqual({ future: true, generation: 2, firedAt: null });
    const history = await auth(t.http.get(`/lots/${lotId}/history`), buyer.staffToken).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'WINNER_DECLINED',
      actorRole: 'ngo_member',
      payload: { remainingRanked: 1 },
    });
    const results = await t.http.get(`/public/lots/${lotId}/results`).expect(200);
    expect(results.body.winners).toEqual([
      expect.objectContaining({ ngoId: ngos.second.id, rank: 2, status: 'pending' }),
    ]);

    // The new winner's standstill runs out; it does not sign: the buyer records the decline.
    expect(await endStandstill(lotId)).toBe('fired');
    expect(await lotState(lotId)).toBe('award.contracting');
    const unsigned = await auth(t.http.post(`/lots/${lotId}/award/decline`), buyer.staffToken)
      .send({ reason: 'Договір не підписано у строк' })
      .expect(200);
    expect(unsigned.body).toMatchObject({ state: 'unsuccessful' });
    expect((await awardsOf(lotId)).map((award) => award.status)).toEqual(['declined', 'declined']);

    // Re-announced as a new draft of the same plan, linked both ways; only once.
    const reannounced = await auth(
      t.http.post(`/lots/${lotId}/reannounce`),
      buyer.staffToken,
    ).expect(201);
    expect(reannounced.body).toMatchObject({
      state: 'draft',
      programmeId,
      number: `${lotCounter}.1-R`,
      territories: [TERRITORY],
      maxAmount: TERRITORY.maxAmount,
      reannouncedFrom: lotId,
      reannouncedAs: null,
    });
    const failed = await auth(t.http.get(`/lots/${lotId}`), buyer.staffToken).expect(200);
    expect(failed.body).toMatchObject({
      reannouncedAs: reannounced.body.id,
      reannouncedFrom: null,
    });
    const twice = await auth(t.http.post(`/lots/${lotId}/reannounce`), buyer.staffToken).expect(
      409,
    );
    expect(twice.body).toMatchObject({
      code: 'lot-already-reannounced',
      reannouncedAs: reannounced.body.id,
    });
    expect(twice.body.detail).toContain(`${lotCounter}.1-R`);
  });

  it('re-announces an unsuccessful lot within a budget its failed amount no longer holds', async () => {
    const programme = await auth(t.http.post('/programmes'), buyer.staffToken)
      .send({
        title: 'Соціальне замовлення 2027',
        jurisdiction: 'UA',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        currency: 'UAH',
        totalBudget: TERRITORY.maxAmount,
        profileId: 'ua-competition',
      })
      .expect(201);
    const lot = await auth(t.http.post(`/programmes/${programme.body.id}/lots`), buyer.staffToken)
      .send({
        number: '7.2',
        theme: 'Денний центр для людей похилого віку',
        territories: [TERRITORY],
      })
      .expect(201);
    const lotId = lot.body.id as string;
    const early = await auth(t.http.post(`/lots/${lotId}/reannounce`), buyer.staffToken).expect(
      409,
    );
    expect(early.body).toMatchObject({ code: 'lot-not-unsuccessful', state: 'draft' });
    await openCall(t, buyer, lotId, { callPeriodDays: 30 });
    // One application, the profile needs two: the call closes unsuccessful.
    const ngo = await createNgo(t, adminToken, { name: 'ГО «Турбота»' });
    await submitApplication(t, ngo, lotId, application(REQUESTED.below));
    await pastDue(lotId, 'callClose');
    await engine.apply(lotId, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);
    expect(await lotState(lotId)).toBe('unsuccessful');

    const refused = await auth(t.http.post(`/lots/${lotId}/reannounce`), ngo.token).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const created = await auth(t.http.post(`/lots/${lotId}/reannounce`), buyer.staffToken).expect(
      201,
    );
    expect(created.body).toMatchObject({ number: '7.2-R', reannouncedFrom: lotId, state: 'draft' });
    const view = await auth(
      t.http.get(`/programmes/${programme.body.id}`),
      buyer.staffToken,
    ).expect(200);
    expect(view.body).toMatchObject({ allocated: TERRITORY.maxAmount, lotCount: 2 });

    // The public does not see a draft: the link appears once the new lot is published.
    expect((await t.http.get(`/public/lots/${lotId}`).expect(200)).body.reannouncedAs).toBeNull();
    await openCall(t, buyer, created.body.id as string, { callPeriodDays: 30 });
    const publicFailed = await t.http.get(`/public/lots/${lotId}`).expect(200);
    expect(publicFailed.body.reannouncedAs).toBe(created.body.id);
    const publicNew = await t.http.get(`/public/lots/${created.body.id}`).expect(200);
    expect(publicNew.body.reannouncedFrom).toBe(lotId);
    // Results of a lot that failed before any evaluation: none.
    await t.http.get(`/public/lots/${lotId}/results`).expect(404);

    // The re-announcement fails too (no application) and is re-announced in its turn.
    await pastDue(created.body.id as string, 'callClose');
    await engine.apply(created.body.id as string, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);
    const third = await auth(
      t.http.post(`/lots/${created.body.id}/reannounce`),
      buyer.staffToken,
    ).expect(201);
    expect(third.body).toMatchObject({ number: '7.2-R2', reannouncedFrom: created.body.id });
  });

  it('refuses complaints from organisations that did not apply, and bad input, as problem+json', async () => {
    const { lotId, ngos } = await lotInStandstill();
    const stranger = await createNgo(t, adminToken, { name: 'ГО «Стороння»' });
    const outsider = await complain(lotId, stranger).expect(403);
    expect(outsider.body).toMatchObject({ code: 'not-an-applicant', status: 403 });
    expect(outsider.headers['content-type']).toMatch(/^application\/problem\+json/);
    await auth(t.http.post(`/lots/${lotId}/complaints`), buyer.staffToken)
      .send({ text: 'Скарга замовника' })
      .expect(403);
    await auth(t.http.get(`/lots/${lotId}/complaints`), member.token).expect(200);

    const blank = await auth(t.http.post(`/lots/${lotId}/complaints`), ngos.second.token)
      .send({ text: '   ', extra: true })
      .expect(400);
    expect(blank.body.code).toBe('validation-failed');
    expect(blank.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'text',
    ]);
    const filed = await complain(lotId, ngos.second).expect(201);
    const verdict = await decide(lotId, filed.body.id, 'maybe', '').expect(400);
    expect(verdict.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'decision',
      'text',
    ]);
    await auth(t.http.post(`/lots/${lotId}/complaints/not-a-uuid/decision`), buyer.staffToken)
      .send({ decision: 'dismissed', text: 'Ні' })
      .expect(400);
    const unknown = await decide(
      lotId,
      '11111111-1111-4111-8111-111111111111',
      'dismissed',
      'Ні',
    ).expect(404);
    expect(unknown.body.code).toBe('complaint-not-found');
    const byNgo = await auth(
      t.http.post(`/lots/${lotId}/complaints/${filed.body.id}/decision`),
      ngos.second.token,
    )
      .send({ decision: 'dismissed', text: 'Сам собі' })
      .expect(403);
    expect(byNgo.body.code).toBe('role-required');
    const reasonless = await auth(t.http.post(`/lots/${lotId}/award/decline`), ngos.first.token)
      .send({ awardId: 'nope' })
      .expect(400);
    expect(reasonless.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'awardId',
      'reason',
    ]);
    // Sent bare, WINNER_DECLINED would not say whose award lapses.
    const bare = await auth(t.http.post(`/lots/${lotId}/events`), ngos.second.token)
      .send({ type: 'WINNER_DECLINED' })
      .expect(409);
    expect(bare.body).toMatchObject({
      code: 'dedicated-endpoint',
      endpoint: 'POST /lots/{id}/award/decline',
    });
    expect(await lotState(lotId)).toBe('award.standstill');
    expect((await awardsOf(lotId)).map((award) => award.status)).toEqual(['pending']);
  });
});
