import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { DeadlineQueues } from '../../src/deadlines/deadline-queues.js';
import { DeadlineReconciler } from '../../src/deadlines/deadline-reconciler.service.js';
import { DeadlineProcessor } from '../../src/deadlines/deadline.processor.js';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import type { DeadlineJobData } from '../../src/queue/queues.js';
import { applyToLot, type TestNgo } from '../fixtures/applications.js';
import { openCall } from '../fixtures/calls.js';
import { admitAll, composeCommission, scoreAndClose } from '../fixtures/evaluation.js';
import { createUaBuyer, createUaProgramme, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

/** Polls until `check` holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const HOUSED = 'probation clients housed';
const CONSULTATIONS = 'consultations given';

/**
 * Agreement, reporting and closure through the real endpoints: UA lots are evaluated and
 * awarded, the buyer drafts the agreement, both sides sign, the grantee reports (one report
 * returned and resubmitted, one overdue with its reminder and escalation), the buyer pays
 * tranches and visits, and the accepted final report closes the lot with its assessment.
 */
describe('agreement, reporting and closure (e2e)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  let programmeId: string;
  const bearer = { type: 'bearer' as const };
  let lotCounter = 0;

  /** A deadline of the lot falls due now and its event is sent as the deadline processor does. */
  async function deadlinePasses(lotId: string, kind: string, event: string): Promise<void> {
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() - interval '1 second' WHERE lot_id = $1 AND kind = $2`,
      [lotId, kind],
    );
    await t.app.get(LotEngine).apply(lotId, { type: event }, SYSTEM_ACTOR);
  }

  /** Runs a deadline's job (`fire`, or a `remind` job) through the deadline processor. */
  async function runDeadlineJob(lotId: string, kind: string, daysBefore?: number) {
    const [row] = await t.database.query<{ generation: number }>(
      `SELECT generation FROM lot_deadlines WHERE lot_id = $1 AND kind = $2`,
      [lotId, kind],
    );
    const job = {
      name: daysBefore === undefined ? 'fire' : 'remind',
      data: { lotId, kind, generation: row.generation, daysBefore },
      moveToDelayed: async () => undefined,
    } as unknown as Job<DeadlineJobData>;
    return t.app.get(DeadlineProcessor).process(job);
  }

  /** A UA lot with two applicants, evaluated and awarded to the first, in award.contracting. */
  async function lotInContracting(): Promise<{ lotId: string; applicants: TestNgo[] }> {
    lotCounter += 1;
    const lot = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, bearer)
      .send({
        number: String(lotCounter),
        theme: 'Соціальна профілактика для клієнтів пробації',
        territories: [{ name: 'Кропивницький', maxAmount: 22_999_980 }],
        indicatorTargets: [
          { description: HOUSED, target: 20, unit: 'people' },
          { description: CONSULTATIONS, target: 400, unit: 'consultations' },
        ],
      })
      .expect(201);
    const lotId = lot.body.id as string;
    await openCall(t, buyer, lotId);
    await composeCommission(t, buyer, lotId);
    const applicants = [await applyToLot(t, lotId), await applyToLot(t, lotId)];
    await deadlinePasses(lotId, 'callClose', 'CALL_DEADLINE');
    const closed = await scoreAndClose(t, buyer, lotId, await admitAll(t, buyer, lotId));
    expect(closed.lotState).toBe('award.standstill');
    await deadlinePasses(lotId, 'standstill', 'STANDSTILL_ENDS');
    expect(await stateOf(lotId)).toBe('award.contracting');
    return { lotId, applicants };
  }

  async function stateOf(lotId: string): Promise<string> {
    const [row] = await t.database.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = $1`,
      [lotId],
    );
    return row.state;
  }

  async function inbox(token: string, lotId: string): Promise<string[]> {
    const page = await t.http.get('/me/notifications?pageSize=100').auth(token, bearer).expect(200);
    return (page.body.items as { name: string; lotId: string }[])
      .filter((item) => item.lotId === lotId)
      .map((item) => item.name);
  }

  async function awardOf(lotId: string): Promise<{ id: string; amount: number; ngoId: string }> {
    const [award] = await t.database.query<{ id: string; amount: string; ngoId: string }>(
      `SELECT id, amount, ngo_id AS "ngoId" FROM awards WHERE lot_id = $1 AND status = 'active'`,
      [lotId],
    );
    return { ...award, amount: Number(award.amount) };
  }

  const count = async (table: string, lotId: string) =>
    (
      await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE lot_id = $1`,
        [lotId],
      )
    )[0].n;

  beforeAll(async () => {
    t = await startTestApp({ withWorker: true, env: { LOG_LEVEL: 'error' } });
    buyer = await createUaBuyer(t, await t.login(t.adminEmail, ADMIN_PASSWORD));
    programmeId = await createUaProgramme(t, buyer);
  }, 60_000);
  afterAll(async () => t.close());

  it('runs an agreement with two interim reports and a final one from signing to the closure act', async () => {
    const { lotId, applicants } = await lotInContracting();
    const [grantee, rival] = applicants;
    const award = await awardOf(lotId);
    expect(award.ngoId).toBe(grantee.id);
    const agreementUrl = `/lots/${lotId}/agreement`;
    const report = (seq: number, path = '') => `/lots/${lotId}/reports/${seq}${path}`;
    const plan = [
      { share: 40, due: 'onSigning' },
      { share: 30, due: 'afterReport', reportSeq: 1 },
      { share: 30, due: 'afterReport', reportSeq: 3 },
    ];
    const terms = { periodStart: '2027-01-01', periodEnd: '2027-09-30', tranchePlan: plan };

    // Refused drafts leave nothing behind.
    await t.http.get(agreementUrl).auth(buyer.staffToken, bearer).expect(404);
    await t.http.post(agreementUrl).auth(grantee.token, bearer).send(terms).expect(403);
    const badShares = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send({ ...terms, tranchePlan: [plan[0], plan[1]] })
      .expect(422);
    expect(badShares.headers['content-type']).toContain('application/problem+json');
    expect(badShares.body).toMatchObject({ code: 'agreement-terms-invalid' });
    expect(badShares.body.detail).toContain('70%');
    const backwards = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send({ ...terms, periodEnd: '2026-12-31' })
      .expect(422);
    expect(backwards.body.code).toBe('agreement-terms-invalid');
    const malformed = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send({ ...terms, periodStart: '1 January 2027', surprise: true })
      .expect(400);
    expect(malformed.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'periodStart',
      'surprise',
    ]);
    expect(await count('agreements', lotId)).toBe(0);
    expect(await count('reports', lotId)).toBe(0);

    // The draft: the award's value, the lot's targets and the application's, the profile's schedule.
    const drafted = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send(terms)
      .expect(201);
    expect(drafted.body).toMatchObject({
      lotState: 'award.contracting',
      status: 'draft',
      awardId: award.id,
      ngoId: grantee.id,
      amount: 11_499_990,
      currency: 'UAH',
      periodStart: '2027-01-01',
      periodEnd: '2027-09-30',
      // The application commits to 25 housed (proposal fixture), above the lot's 20.
      indicatorTargets: [
        { description: HOUSED, target: 25, unit: 'people' },
        { description: CONSULTATIONS, target: 400, unit: 'consultations' },
      ],
      schedule: { interimEveryMonths: 3, dueDaysAfterPeriod: 15, reminders: [7, 1] },
      paid: 0,
      closure: null,
    });
    expect(award.amount).toBe(11_499_990);
    expect(drafted.body.tranchePlan.map((tranche: { amount: number }) => tranche.amount)).toEqual([
      4_599_996, 3_449_997, 3_449_997,
    ]);
    // Quarters of a 9-month agreement; each due at the end of the 15th day after, Kyiv time (EEST).
    expect(
      drafted.body.reports.map((r: Record<string, unknown>) => [
        r.seq,
        r.kind,
        r.periodStart,
        r.periodEnd,
        r.dueAt,
        r.status,
      ]),
    ).toEqual([
      [1, 'interim', '2027-01-01', '2027-03-31', '2027-04-15T20:59:59.999Z', 'pending'],
      [2, 'interim', '2027-04-01', '2027-06-30', '2027-07-15T20:59:59.999Z', 'pending'],
      [3, 'final', '2027-07-01', '2027-09-30', '2027-10-15T20:59:59.999Z', 'pending'],
    ]);

    // Both sides sign; the second signature moves the lot to reporting and arms the deadlines.
    const otherNgo = await t.http
      .post(`${agreementUrl}/sign`)
      .auth(rival.token, bearer)
      .expect(403);
    expect(otherNgo.body.code).toBe('not-a-party');
    await t.http.get(agreementUrl).auth(rival.token, bearer).expect(403);
    const granteeSigned = await t.http
      .post(`${agreementUrl}/sign`)
      .auth(grantee.token, bearer)
      .expect(200);
    expect(granteeSigned.body).toMatchObject({ status: 'draft', lotState: 'award.contracting' });
    expect(granteeSigned.body.signedByGranteeAt).not.toBeNull();
    const twice = await t.http.post(`${agreementUrl}/sign`).auth(grantee.token, bearer).expect(409);
    expect(twice.body.code).toBe('already-signed');
    const redraft = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send(terms)
      .expect(409);
    expect(redraft.body.code).toBe('agreement-signing-started');
    const signed = await t.http
      .post(`${agreementUrl}/sign`)
      .auth(buyer.staffToken, bearer)
      .expect(200);
    expect(signed.body).toMatchObject({ status: 'signed', lotState: 'reporting' });
    const deadlines = await t.database.query<Record<string, unknown>>(
      `SELECT kind, event, due_at AS "dueAt", reminders FROM lot_deadlines
       WHERE lot_id = $1 AND kind LIKE 'report-%' AND cancelled_at IS NULL ORDER BY kind`,
      [lotId],
    );
    const reminder = (daysBefore: number) => ({
      daysBefore,
      notification: { name: 'lot.reportReminder', recipients: ['grantee'] },
    });
    expect(deadlines).toEqual(
      signed.body.reports.map((r: { seq: number; dueAt: string }) => ({
        kind: `report-${r.seq}`,
        event: 'REPORT_OVERDUE',
        dueAt: new Date(r.dueAt),
        reminders: [reminder(7), reminder(1)],
      })),
    );

    // The first tranche is due on signing; the second waits for the first report.
    const tranches = `/lots/${lotId}/tranches`;
    await t.http.post(tranches).auth(grantee.token, bearer).send({ seq: 1, amount: 1 }).expect(403);
    const early = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 2, amount: 3_449_997 })
      .expect(409);
    expect(early.body).toMatchObject({ code: 'report-not-accepted', reportSeq: 1 });
    const first = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 1, amount: 4_599_996 })
      .expect(201);
    expect(first.body).toMatchObject({
      seq: 1,
      amount: 4_599_996,
      currency: 'UAH',
      reportSeq: null,
    });
    const again = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 1, amount: 1 })
      .expect(409);
    expect(again.body.code).toBe('tranche-paid');

    // Report 1: refused input stores nothing; returned with a comment, corrected, accepted.
    await t.http.put(report(1)).auth(buyer.staffToken, bearer).send({ narrative: 'x' }).expect(403);
    const rivalEdit = await t.http
      .put(report(1))
      .auth(rival.token, bearer)
      .send({ narrative: 'x' })
      .expect(403);
    expect(rivalEdit.body.code).toBe('not-a-party');
    const unknown = await t.http
      .put(report(1))
      .auth(grantee.token, bearer)
      .send({ narrative: 'First quarter', indicatorActuals: [{ description: 'meals', actual: 3 }] })
      .expect(422);
    expect(unknown.body).toMatchObject({ code: 'report-content-invalid' });
    await t.http
      .put(report(1))
      .auth(grantee.token, bearer)
      .send({ financialLines: [{ budgetItem: 'Rent', planned: 1, spent: -5 }] })
      .expect(400);
    // Left out keeps what is stored; null is not a narrative.
    await t.http.put(report(1)).auth(grantee.token, bearer).send({ narrative: null }).expect(400);
    const incomplete = await t.http
      .post(report(1, '/submit'))
      .auth(grantee.token, bearer)
      .expect(422);
    expect(incomplete.body.code).toBe('report-incomplete');
    const [untouched] = await t.database.query<{ narrative: string; status: string }>(
      `SELECT narrative, status FROM reports WHERE lot_id = $1 AND seq = 1`,
      [lotId],
    );
    expect(untouched).toEqual({ narrative: '', status: 'pending' });

    const lines = (rent: number, salaries: number) => [
      { budgetItem: 'Rent', planned: 5_749_995, spent: rent },
      { budgetItem: 'Salaries', planned: 5_749_995, spent: salaries },
    ];
    const actuals = (housed: number, consultations: number) => [
      { description: HOUSED, actual: housed },
      // Matched to the agreement's wording whatever the case.
      { description: ' Consultations Given ', actual: consultations },
    ];
    const saved = await t.http
      .put(report(1))
      .auth(grantee.token, bearer)
      .send({
        narrative: 'The hostel opened in January; seven clients moved in.',
        financialLines: lines(1_400_000, 1_500_000),
        indicatorActuals: actuals(7, 140),
      })
      .expect(200);
    expect(saved.body.indicatorActuals).toEqual([
      { description: HOUSED, target: 25, actual: 7, unit: 'people' },
      { description: CONSULTATIONS, target: 400, actual: 140, unit: 'consultations' },
    ]);
    await t.http.post(report(1, '/submit')).auth(grantee.token, bearer).expect(200);
    const [firstDeadline] = await t.database.query<{ cancelled: boolean }>(
      `SELECT cancelled_at IS NOT NULL AS cancelled FROM lot_deadlines
       WHERE lot_id = $1 AND kind = 'report-1'`,
      [lotId],
    );
    expect(firstDeadline.cancelled).toBe(true);
    const locked = await t.http
      .put(report(1))
      .auth(grantee.token, bearer)
      .send({ narrative: 'changed' })
      .expect(409);
    expect(locked.body.code).toBe('report-not-editable');
    await t.http
      .post(report(1, '/review'))
      .auth(grantee.token, bearer)
      .send({ decision: 'accept' })
      .expect(403);
    await t.http
      .post(report(1, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'return' })
      .expect(400);
    const returned = await t.http
      .post(report(1, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'return', comment: 'Eight clients moved in by March: correct the count' })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', lotState: 'reporting' });
    await t.http
      .put(report(1))
      .auth(grantee.token, bearer)
      .send({ indicatorActuals: actuals(8, 140) })
      .expect(200);
    await t.http.post(report(1, '/submit')).auth(grantee.token, bearer).expect(200);
    const accepted = await t.http
      .post(report(1, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'accept' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', lotState: 'reporting' });

    // After a quarter (90 of 273 days) 25 housed call for 8.24: 8 is under target; 140 of 400 is not.
    const afterFirst = await t.http.get(`/lots/${lotId}`).auth(rival.token, bearer).expect(200);
    expect(afterFirst.body.reporting).toEqual({
      overdueReports: [],
      underTargetIndicators: [
        {
          reportSeq: 1,
          description: HOUSED,
          unit: 'people',
          target: 25,
          expected: 8.24,
          actual: 8,
        },
      ],
    });
    const mismatch = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 2, amount: 3_449_997, reportSeq: 2 })
      .expect(422);
    expect(mismatch.body.code).toBe('tranche-report-mismatch');
    const second = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 2, amount: 3_449_997, reportSeq: 1 })
      .expect(201);
    expect(second.body).toMatchObject({ seq: 2, reportSeq: 1 });

    // Report deadlines are rows: a job Redis lost comes back with its own reminders.
    const relayed = async () =>
      (
        await t.database.query(
          `SELECT 1 FROM outbox WHERE lot_id = $1 AND topic = 'deadline.schedule' AND sent_at IS NULL`,
          [lotId],
        )
      ).length === 0;
    expect(await eventually(relayed)).toBe(true);
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() + interval '3 days'
       WHERE lot_id = $1 AND kind = 'report-2'`,
      [lotId],
    );
    const [{ generation }] = await t.database.query<{ generation: number }>(
      `SELECT generation FROM lot_deadlines WHERE lot_id = $1 AND kind = 'report-2'`,
      [lotId],
    );
    const queue = t.app.get(DeadlineQueues).deadlines;
    const jobIds = [
      `lot-${lotId}-report-2-g${generation}`,
      `reminder-${lotId}-report-2-g${generation}-d7`,
      `reminder-${lotId}-report-2-g${generation}-d1`,
    ];
    for (const jobId of jobIds) await queue.remove(jobId);
    await t.app.get(DeadlineReconciler).reconcile();
    // The 7-day reminder's moment has passed; the 1-day one and the deadline itself are back.
    expect(
      await Promise.all(jobIds.map(async (jobId) => Boolean(await queue.getJob(jobId)))),
    ).toEqual([true, false, true]);

    // Report 2: the grantee is reminded, then it falls overdue and both sides are told.
    expect(await runDeadlineJob(lotId, 'report-2', 7)).toBe('fired');
    expect(await inbox(grantee.token, lotId)).toContain('lot.reportReminder');
    await t.database.query(
      `UPDATE reports SET due_at = now() - interval '1 second' WHERE lot_id = $1 AND seq = 2`,
      [lotId],
    );
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() - interval '1 second'
       WHERE lot_id = $1 AND kind = 'report-2'`,
      [lotId],
    );
    expect(await runDeadlineJob(lotId, 'report-2')).toBe('fired');
    expect(await stateOf(lotId)).toBe('reporting');
    const overdue = await t.http.get(`/lots/${lotId}`).auth(buyer.staffToken, bearer).expect(200);
    expect(overdue.body.reporting.overdueReports).toEqual([
      { seq: 2, kind: 'interim', dueAt: expect.any(String), status: 'pending' },
    ]);
    expect(
      await eventually(async () =>
        (await inbox(grantee.token, lotId)).includes('lot.reportOverdue'),
      ),
    ).toBe(true);
    expect(
      await eventually(async () =>
        (await inbox(buyer.staffToken, lotId)).includes('lot.reportOverdue'),
      ),
    ).toBe(true);
    const history = await t.http.get(`/lots/${lotId}/history`).auth(buyer.staffToken, bearer);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'REPORT_OVERDUE',
      actorRole: 'system',
      fromState: 'reporting',
      toState: 'reporting',
    });
    await t.http
      .put(report(2))
      .auth(grantee.token, bearer)
      .send({
        narrative: 'Sixteen clients housed; a second social worker hired.',
        financialLines: lines(2_900_000, 3_000_000),
        indicatorActuals: actuals(16, 280),
      })
      .expect(200);
    await t.http.post(report(2, '/submit')).auth(grantee.token, bearer).expect(200);

    // The final report, a monitoring visit; the final report waits for report 2.
    await t.http
      .put(report(3))
      .auth(grantee.token, bearer)
      .send({
        narrative: 'Twenty-three clients housed over the nine months; 410 consultations.',
        financialLines: lines(5_700_000, 5_749_995),
        indicatorActuals: actuals(23, 410),
      })
      .expect(200);
    await t.http.post(report(3, '/submit')).auth(grantee.token, bearer).expect(200);
    const visits = `/lots/${lotId}/monitoring-visits`;
    const future = await t.http
      .post(visits)
      .auth(buyer.staffToken, bearer)
      .send({ visitedOn: '2099-01-01', findings: 'Not yet' })
      .expect(422);
    expect(future.body.code).toBe('visit-in-future');
    await t.http
      .post(visits)
      .auth(grantee.token, bearer)
      .send({ visitedOn: '2026-11-20', findings: 'All fine' })
      .expect(403);
    const visit = await t.http
      .post(visits)
      .auth(buyer.staffToken, bearer)
      .send({ visitedOn: '2026-11-20', findings: '18 clients in residence; case files complete' })
      .expect(201);
    expect(visit.body).toMatchObject({ visitedOn: '2026-11-20' });
    const tooSoon = await t.http
      .post(report(3, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'accept' })
      .expect(409);
    expect(tooSoon.body).toMatchObject({ code: 'earlier-reports-pending', reportSeqs: [2] });
    await t.http
      .post(report(2, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'accept' })
      .expect(200);
    const closing = await t.http
      .post(report(3, '/review'))
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'accept', comment: 'Targets met but for housing' })
      .expect(200);
    expect(closing.body).toMatchObject({ status: 'accepted', lotState: 'closed' });

    // The closure act: the final report's figures against the agreement, locked with its hash.
    const [act] = await t.database.query<{ assessment: Record<string, unknown>; actHash: string }>(
      `SELECT assessment, act_hash AS "actHash" FROM closure_acts WHERE lot_id = $1`,
      [lotId],
    );
    expect(act.assessment).toMatchObject({
      lotId,
      agreementId: drafted.body.id,
      agreement: { amount: 11_499_990, currency: 'UAH', periodStart: '2027-01-01' },
      indicators: [
        {
          description: HOUSED,
          unit: 'people',
          target: 25,
          actual: 23,
          achievementPercent: 92,
          underTarget: true,
        },
        {
          description: CONSULTATIONS,
          unit: 'consultations',
          target: 400,
          actual: 410,
          achievementPercent: 102.5,
          underTarget: false,
        },
      ],
      underTargetCount: 1,
      finances: {
        lines: [
          { budgetItem: 'Rent', planned: 5_749_995, spent: 5_700_000, spentPercent: 99.13 },
          { budgetItem: 'Salaries', planned: 5_749_995, spent: 5_749_995, spentPercent: 100 },
        ],
        planned: 11_499_990,
        spent: 11_449_995,
        spentPercent: 99.57,
        spentOfAgreementPercent: 99.57,
        paid: 4_599_996 + 3_449_997,
      },
      reports: [
        expect.objectContaining({ seq: 1, onTime: true }),
        expect.objectContaining({ seq: 2, onTime: false }),
        expect.objectContaining({ seq: 3, kind: 'final', onTime: true }),
      ],
      monitoringVisits: 1,
    });
    expect(act.actHash).toBe(
      createHash('sha256').update(canonicalJson(act.assessment), 'utf8').digest('hex'),
    );
    const pendingDeadlines = await t.database.query(
      `SELECT kind FROM lot_deadlines WHERE lot_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL`,
      [lotId],
    );
    expect(pendingDeadlines).toEqual([]);

    // The last tranche after the final report: never beyond the agreement's value.
    const overpaid = await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 3, amount: 3_449_998 })
      .expect(422);
    expect(overpaid.body).toMatchObject({ code: 'agreement-overpaid', remaining: 3_449_997 });
    await t.http
      .post(tranches)
      .auth(buyer.staffToken, bearer)
      .send({ seq: 3, amount: 3_449_997 })
      .expect(201);

    const final = await t.http.get(agreementUrl).auth(grantee.token, bearer).expect(200);
    expect(final.body).toMatchObject({
      status: 'closed',
      lotState: 'closed',
      paid: 11_499_990,
      closure: { actHash: act.actHash },
    });
    expect(final.body.reports.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    expect(final.body.reports[0].reviews).toEqual([
      expect.objectContaining({
        decision: 'returned',
        comment: 'Eight clients moved in by March: correct the count',
      }),
      expect.objectContaining({ decision: 'accepted', comment: null }),
    ]);
    expect(final.body.tranchePlan.every((tranche: { payment: unknown }) => tranche.payment)).toBe(
      true,
    );
    expect(final.body.monitoringVisits).toHaveLength(1);
    await t.http.get(agreementUrl).auth(buyer.commissionToken, bearer).expect(200);
    const closedLot = await t.http.get(`/public/lots/${lotId}`).expect(200);
    expect(closedLot.body.reporting).toEqual({
      overdueReports: [],
      underTargetIndicators: [
        { reportSeq: 3, description: HOUSED, unit: 'people', target: 25, expected: 25, actual: 23 },
      ],
    });
    expect(
      await eventually(async () => (await inbox(grantee.token, lotId)).includes('lot.closed')),
    ).toBe(true);
  }, 120_000);

  it('discards a draft when the winner declines, and terminates a signed agreement with its reason', async () => {
    const { lotId, applicants } = await lotInContracting();
    const [winner, runnerUp] = applicants;
    const agreementUrl = `/lots/${lotId}/agreement`;
    const early = await t.http
      .post(`${agreementUrl}/terminate`)
      .auth(buyer.staffToken, bearer)
      .send({ reason: 'Too early' })
      .expect(404);
    expect(early.body.code).toBe('no-agreement');
    await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send({ periodStart: '2027-01-01', periodEnd: '2027-12-31' })
      .expect(201);
    await t.http
      .post(`/lots/${lotId}/award/decline`)
      .auth(winner.token, bearer)
      .send({ reason: 'We can no longer staff the service' })
      .expect(200);
    expect(await count('agreements', lotId)).toBe(0);
    expect(await count('reports', lotId)).toBe(0);
    await deadlinePasses(lotId, 'standstill', 'STANDSTILL_ENDS');
    expect(await stateOf(lotId)).toBe('award.contracting');

    // Half-yearly reports by the buyer's choice; the default plan: 50% now, 50% after the final report.
    const drafted = await t.http
      .post(agreementUrl)
      .auth(buyer.staffToken, bearer)
      .send({
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        reporting: { interimEveryMonths: 6, dueDaysAfterPeriod: 10 },
      })
      .expect(201);
    expect(drafted.body).toMatchObject({
      ngoId: runnerUp.id,
      schedule: { interimEveryMonths: 6, dueDaysAfterPeriod: 10, reminders: [7, 1] },
      tranchePlan: [
        { seq: 1, share: 50, due: 'onSigning', payment: null },
        { seq: 2, share: 50, due: 'afterReport', reportSeq: 2, payment: null },
      ],
    });
    expect(
      drafted.body.reports.map((r: Record<string, unknown>) => [r.kind, r.periodEnd, r.dueAt]),
    ).toEqual([
      ['interim', '2027-06-30', '2027-07-10T20:59:59.999Z'],
      // Winter time in Kyiv (EET).
      ['final', '2027-12-31', '2028-01-10T21:59:59.999Z'],
    ]);
    const notRunning = await t.http
      .post(`${agreementUrl}/terminate`)
      .auth(buyer.staffToken, bearer)
      .send({ reason: 'Not yet running' })
      .expect(409);
    expect(notRunning.body.code).toBe('lot-not-reporting');

    await t.http.post(`${agreementUrl}/sign`).auth(buyer.staffToken, bearer).expect(200);
    const signed = await t.http
      .post(`${agreementUrl}/sign`)
      .auth(runnerUp.token, bearer)
      .expect(200);
    expect(signed.body).toMatchObject({ status: 'signed', lotState: 'reporting' });
    const history = await t.http.get(`/lots/${lotId}/history`).auth(buyer.staffToken, bearer);
    expect(history.body.at(-1)).toMatchObject({
      eventType: 'AGREEMENT_SIGNED',
      actorRole: 'ngo_member',
      toState: 'reporting',
    });

    await t.http
      .post(`${agreementUrl}/terminate`)
      .auth(runnerUp.token, bearer)
      .send({ reason: 'We quit' })
      .expect(403);
    const blank = await t.http
      .post(`${agreementUrl}/terminate`)
      .auth(buyer.staffToken, bearer)
      .send({ reason: '   ' })
      .expect(400);
    expect(blank.body.code).toBe('validation-failed');
    const terminated = await t.http
      .post(`${agreementUrl}/terminate`)
      .auth(buyer.staffToken, bearer)
      .send({ reason: 'The grantee stopped delivering the service in March' })
      .expect(200);
    expect(terminated.body).toMatchObject({
      lotState: 'terminated',
      status: 'terminated',
      terminationReason: 'The grantee stopped delivering the service in March',
    });
    expect(terminated.body.terminatedAt).not.toBeNull();
    const reportDeadlines = await t.database.query<{ kind: string; cancelled: boolean }>(
      `SELECT kind, cancelled_at IS NOT NULL AS cancelled FROM lot_deadlines
       WHERE lot_id = $1 AND kind LIKE 'report-%' ORDER BY kind`,
      [lotId],
    );
    expect(reportDeadlines).toEqual([
      { kind: 'report-1', cancelled: true },
      { kind: 'report-2', cancelled: true },
    ]);
    const closed = await t.http
      .put(`/lots/${lotId}/reports/1`)
      .auth(runnerUp.token, bearer)
      .send({ narrative: 'Too late' })
      .expect(409);
    expect(closed.body.code).toBe('lot-not-reporting');
    const lot = await t.http.get(`/lots/${lotId}`).auth(buyer.staffToken, bearer).expect(200);
    expect(lot.body.reporting).toEqual({ overdueReports: [], underTargetIndicators: [] });
    expect(
      await eventually(async () =>
        (await inbox(runnerUp.token, lotId)).includes('lot.agreementTerminated'),
      ),
    ).toBe(true);
  }, 120_000);
});
