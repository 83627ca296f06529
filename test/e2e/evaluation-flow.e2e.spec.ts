import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import { applyToLot, type TestNgo } from '../fixtures/applications.js';
import { openCall } from '../fixtures/calls.js';
import { admitAll, composeCommission, scoreAndClose } from '../fixtures/evaluation.js';
import { createUaBuyer, createUaProgramme, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

/**
 * The whole evaluation and award through the real endpoints: a UA lot with two applicants is
 * evaluated, a complaint is upheld (the award annulled, the meeting closes again with a new
 * protocol), the winner then declines and the award passes to the next in rank.
 */
describe('evaluation and award, end to end (e2e)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  let lotId: string;
  let applicants: TestNgo[];
  const bearer = { type: 'bearer' as const };

  async function state(): Promise<string> {
    const [row] = await t.database.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = $1`,
      [lotId],
    );
    return row.state;
  }

  /** A deadline of the lot falls due now and its event is sent as the deadline processor does. */
  async function deadlinePasses(kind: string, event: string): Promise<void> {
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = now() - interval '1 second' WHERE lot_id = $1 AND kind = $2`,
      [lotId, kind],
    );
    await t.app.get(LotEngine).apply(lotId, { type: event }, SYSTEM_ACTOR);
  }

  const awards = () =>
    t.database.query<{ ngoId: string; status: string; rank: number }>(
      `SELECT ngo_id AS "ngoId", status, rank FROM awards WHERE lot_id = $1 ORDER BY decided_at, rank`,
      [lotId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await createUaBuyer(t, await t.login(t.adminEmail, ADMIN_PASSWORD));
    const programmeId = await createUaProgramme(t, buyer, 500_000_000);
    const lot = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, bearer)
      .send({
        number: '1',
        theme: 'Соціальна профілактика для клієнтів пробації',
        territories: [{ name: 'Кропивницький', maxAmount: 22_999_980 }],
      })
      .expect(201);
    lotId = lot.body.id;
    await openCall(t, buyer, lotId);
    await composeCommission(t, buyer, lotId);
    applicants = [await applyToLot(t, lotId), await applyToLot(t, lotId)];
    await deadlinePasses('callClose', 'CALL_DEADLINE');
  }, 60_000);
  afterAll(async () => t.close());

  it('evaluates, annuls on an upheld complaint, closes again, and passes a declined award down', async () => {
    const ids = await admitAll(t, buyer, lotId);
    expect(ids).toHaveLength(2);
    const first = await scoreAndClose(t, buyer, lotId, ids);
    expect(first).toMatchObject({ lotState: 'award.standstill', round: 1 });
    // Equal scores: the earlier submission ranks first (the call's tie rule).
    const [winner] = await awards();
    expect(winner).toMatchObject({ ngoId: applicants[0].id, status: 'pending', rank: 1 });
    const published = await t.http.get(`/public/lots/${lotId}/results`).expect(200);
    expect(JSON.stringify(published.body)).not.toContain('"points"');

    // The runner-up complains; the review body upholds it: the award is annulled.
    const complaint = await t.http
      .post(`/lots/${lotId}/complaints`)
      .auth(applicants[1].token, bearer)
      .send({ text: 'The winner’s staff lacks the required qualification' })
      .expect(201);
    const upheld = await t.http
      .post(`/lots/${lotId}/complaints/${complaint.body.id}/decision`)
      .auth(buyer.staffToken, bearer)
      .send({ decision: 'upheld', text: 'The commission must check the qualifications again' })
      .expect(200);
    expect(upheld.body.lotState).toBe('evaluation.meeting');
    expect((await awards()).map((award) => award.status)).toEqual(['annulled']);
    await t.http.get(`/public/lots/${lotId}/results`).expect(404);

    // The meeting closes again: a second protocol supersedes the first, the award is re-decided.
    const memberId = (await t.http.get('/me').auth(buyer.commissionToken, bearer)).body.id;
    const again = await t.http
      .post(`/lots/${lotId}/evaluation/close`)
      .auth(buyer.commissionToken, bearer)
      .send({ membersPresent: [memberId], decision: 'Qualifications checked; the award stands' })
      .expect(200);
    expect(again.body).toMatchObject({ lotState: 'award.standstill', sequence: 2 });
    const protocols = await t.database.query<{ sequence: number; superseded: boolean }>(
      `SELECT sequence, superseded_at IS NOT NULL AS superseded FROM evaluation_protocols
       WHERE lot_id = $1 ORDER BY sequence`,
      [lotId],
    );
    expect(protocols).toEqual([
      { sequence: 1, superseded: true },
      { sequence: 2, superseded: false },
    ]);
    expect((await awards()).map((award) => award.status)).toEqual(['annulled', 'pending']);

    // The winner declines: the runner-up gets the award and a fresh standstill.
    const declined = await t.http
      .post(`/lots/${lotId}/award/decline`)
      .auth(applicants[0].token, bearer)
      .send({ reason: 'We can no longer staff the service' })
      .expect(200);
    expect(declined.body.state).toBe('award.standstill');
    expect(await awards()).toEqual([
      expect.objectContaining({ ngoId: applicants[0].id, status: 'annulled' }),
      expect.objectContaining({ ngoId: applicants[0].id, status: 'declined' }),
      expect.objectContaining({ ngoId: applicants[1].id, status: 'pending', rank: 2 }),
    ]);
    await deadlinePasses('standstill', 'STANDSTILL_ENDS');
    expect(await state()).toBe('award.contracting');
    expect((await awards()).at(-1)).toMatchObject({ ngoId: applicants[1].id, status: 'active' });
    const mine = await t.http.get('/me/applications').auth(applicants[1].token, bearer).expect(200);
    expect(mine.body.items[0]).toMatchObject({ outcome: 'awarded', stage: 'award' });
  });
});
