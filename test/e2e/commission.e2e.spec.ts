import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { drawFrom } from '../../src/evaluation/commission-draw.js';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import { applyToLot, createNgo, type TestNgo } from '../fixtures/applications.js';
import { openCall } from '../fixtures/calls.js';
import {
  createBuyer,
  createUaBuyer,
  createUaProgramme,
  type TestBuyer,
} from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';
import { uniqueEmail } from '../fixtures/test-services.js';

interface Member {
  id: string;
  token: string;
}

interface LotInAdmissibility {
  lotId: string;
  applications: { id: string; ngo: TestNgo }[];
}

describe('Commission, declarations and admissibility (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let programmeId: string;
  /** Commission members of the buyer: chair, secretary, two members, one never on a commission. */
  let chair: Member;
  let secretary: Member;
  let memberC: Member;
  let memberD: Member;
  let outsider: Member;
  let staffUserId: string;
  let strangerId: string;
  let lotCounter = 0;

  const auth = <T extends { auth: (token: string, options: { type: 'bearer' }) => T }>(
    request: T,
    token: string,
  ) => request.auth(token, { type: 'bearer' });

  async function addMember(
    organisationId: string,
    role: string,
    fullName: string,
    login = true,
  ): Promise<Member> {
    const created = await auth(t.http.post(`/organisations/${organisationId}/members`), adminToken)
      .send({ email: uniqueEmail(role), fullName, role })
      .expect(201);
    const token = login ? await t.login(created.body.email, created.body.initialPassword) : '';
    return { id: created.body.id as string, token };
  }

  async function draftLot(programme = programmeId, staffToken = buyer.staffToken) {
    lotCounter += 1;
    const created = await auth(t.http.post(`/programmes/${programme}/lots`), staffToken)
      .send({
        number: `${lotCounter}.1`,
        theme: 'Социальная профилактика для клиентов пробации',
        territories: [{ name: 'Кропивницький', maxAmount: 133_690_000 }],
      })
      .expect(201);
    return created.body.id as string;
  }

  function compose(lotId: string, members: unknown[], round?: number, token = buyer.staffToken) {
    return auth(t.http.put(`/lots/${lotId}/commission`), token).send({
      ...(round ? { round } : {}),
      members,
    });
  }

  const standard = () => [
    { userId: chair.id, office: 'chair' },
    { userId: secretary.id, office: 'secretary' },
    { userId: memberC.id, office: 'member' },
    { userId: memberD.id, office: 'member' },
  ];

  /** A UA lot with the standard commission whose call closed with `count` applications. */
  async function lotInAdmissibility(
    count = 2,
    members: unknown[] = standard(),
  ): Promise<LotInAdmissibility> {
    const lotId = await draftLot();
    await compose(lotId, members).expect(200);
    await openCall(t, buyer, lotId);
    const applications: LotInAdmissibility['applications'] = [];
    for (let index = 0; index < count; index += 1) {
      const ngo = await applyToLot(t, lotId);
      const [row] = await t.database.query<{ id: string }>(
        `SELECT id FROM applications WHERE lot_id = $1 AND ngo_id = $2`,
        [lotId, ngo.id],
      );
      applications.push({ id: row.id, ngo });
    }
    // The deadline processor's event, once the database clock has passed the deadline.
    await t.database.query(
      `UPDATE lot_deadlines SET due_at = clock_timestamp() - interval '1 second'
       WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    const { lot } = await t.app
      .get(LotEngine)
      .apply(lotId, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);
    expect(lot.state).toBe('evaluation.admissibility');
    return { lotId, applications };
  }

  function declare(lotId: string, who: Member, links: unknown[]) {
    return auth(t.http.put(`/lots/${lotId}/commission/declaration`), who.token).send({ links });
  }

  function decide(lotId: string, applicationId: string, who: Member, body: unknown) {
    return auth(t.http.put(`/lots/${lotId}/admissibility/${applicationId}`), who.token).send(
      body as object,
    );
  }

  async function count(table: string, lotId: string): Promise<number> {
    const [row] = await t.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${table} WHERE lot_id = $1`,
      [lotId],
    );
    return row.count;
  }

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createUaBuyer(t, adminToken);
    programmeId = await createUaProgramme(t, buyer);
    chair = await addMember(buyer.id, 'commission_member', 'Chair');
    secretary = await addMember(buyer.id, 'commission_member', 'Secretary');
    memberC = await addMember(buyer.id, 'commission_member', 'Member C');
    memberD = await addMember(buyer.id, 'commission_member', 'Member D');
    outsider = await addMember(buyer.id, 'commission_member', 'Outsider');
    staffUserId = (await addMember(buyer.id, 'buyer_staff', 'Staff', false)).id;
    const other = await createBuyer(t, adminToken, { name: 'Інший замовник' });
    strangerId = (await addMember(other.id, 'commission_member', 'Stranger', false)).id;
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('composes a round: exactly one chair, at most one secretary, only the buyer’s active commission members', async () => {
    const lotId = await draftLot();
    const twoChairs = await compose(lotId, [
      { userId: chair.id, office: 'chair' },
      { userId: secretary.id, office: 'chair' },
    ]).expect(422);
    expect(twoChairs.body).toMatchObject({ code: 'one-chair', chairs: 2 });
    expect(twoChairs.headers['content-type']).toMatch(/application\/problem\+json/);
    const noChair = await compose(lotId, [{ userId: chair.id, office: 'member' }]).expect(422);
    expect(noChair.body.code).toBe('one-chair');
    const twoSecretaries = await compose(lotId, [
      { userId: chair.id, office: 'chair' },
      { userId: secretary.id, office: 'secretary' },
      { userId: memberC.id, office: 'secretary' },
    ]).expect(422);
    expect(twoSecretaries.body.code).toBe('one-secretary');
    const twice = await compose(lotId, [
      { userId: chair.id, office: 'chair' },
      { userId: chair.id, office: 'member' },
    ]).expect(422);
    expect(twice.body).toMatchObject({ code: 'duplicate-member', userIds: [chair.id] });

    // The buyer's staff member and another buyer's commission member are named, not refused silently.
    const outsiders = await compose(lotId, [
      { userId: chair.id, office: 'chair' },
      { userId: staffUserId, office: 'member' },
      { userId: strangerId, office: 'member' },
    ]).expect(422);
    expect(outsiders.body).toMatchObject({ code: 'not-commission-member' });
    expect(outsiders.body.userIds).toEqual([staffUserId, strangerId]);
    await t.database.query(`UPDATE users SET active = false WHERE id = $1`, [memberD.id]);
    const inactive = await compose(lotId, standard()).expect(422);
    expect(inactive.body.userIds).toEqual([memberD.id]);
    await t.database.query(`UPDATE users SET active = true WHERE id = $1`, [memberD.id]);

    const malformed = await compose(lotId, [
      { userId: 'not-a-uuid', office: 'boss', nominatedBy: 'mayor', extra: 1 },
    ]).expect(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(malformed.body.code).toBe('validation-failed');
    expect(malformed.body.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['members.0.userId', 'members.0.office', 'members.0.nominatedBy']),
    );
    await compose(lotId, []).expect(400);
    const noRound = await compose(lotId, standard(), 2).expect(422);
    expect(noRound.body).toMatchObject({ code: 'no-such-round', rounds: 1 });
    const notStaff = await compose(lotId, standard(), undefined, chair.token).expect(403);
    expect(notStaff.body.code).toBe('role-required');
    expect(await count('commission_members', lotId)).toBe(0);

    const composed = await compose(lotId, standard()).expect(200);
    expect(composed.body).toMatchObject({ round: 1, draws: 0, lastDraw: null });
    expect(
      composed.body.members.map((member: { userId: string; office: string }) => [
        member.userId,
        member.office,
      ]),
    ).toEqual([
      [chair.id, 'chair'],
      [secretary.id, 'secretary'],
      [memberC.id, 'member'],
      [memberD.id, 'member'],
    ]);
    expect(composed.body.members[0]).toMatchObject({ declared: false, declaredAt: null });
    // Replacing the composition replaces it whole.
    await compose(lotId, [{ userId: memberC.id, office: 'chair' }]).expect(200);
    const view = await auth(t.http.get(`/lots/${lotId}/commission`), outsider.token).expect(200);
    expect(view.body).toMatchObject({ lotId, lotState: 'draft', currentRound: 1 });
    expect(view.body.rounds).toEqual([
      expect.objectContaining({
        round: 1,
        members: [expect.objectContaining({ userId: memberC.id })],
      }),
    ]);
    const ngo = await createNgo(t, adminToken);
    await auth(t.http.get(`/lots/${lotId}/commission`), ngo.token).expect(403);
  });

  it('applies Kazakhstan’s rules: an odd commission of at most 15, at least 70% named by NGOs', async () => {
    const kzBuyer = await createBuyer(t, adminToken, {
      name: 'Управление внутренней политики Алматинской области',
      country: 'KZ',
      timeZone: 'Asia/Almaty',
    });
    const programme = await auth(t.http.post('/programmes'), kzBuyer.staffToken)
      .send({
        title: 'Государственные гранты НПО 2026',
        jurisdiction: 'KZ',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency: 'KZT',
        totalBudget: 50_000_000_00,
        profileId: 'kz-two-round',
      })
      .expect(201);
    const lotId = await draftLot(programme.body.id, kzBuyer.staffToken);
    const experts: string[] = [];
    for (let index = 0; index < 17; index += 1) {
      experts.push((await addMember(kzBuyer.id, 'commission_member', `Expert ${index}`, false)).id);
    }
    const named = (ngo: number, operator: number, from = 0) =>
      experts.slice(from, from + ngo + operator).map((userId, index) => ({
        userId,
        office: index === 0 ? 'chair' : 'member',
        nominatedBy: index < ngo ? 'ngo' : 'operator',
      }));
    const send = (members: unknown[], round?: number) =>
      compose(lotId, members, round, kzBuyer.staffToken);

    const even = await send(named(3, 1)).expect(422);
    expect(even.body).toMatchObject({ code: 'composition-rules' });
    expect(even.body.violations).toEqual(['an odd number of members, not 4']);
    const tooMany = await send(named(13, 4)).expect(422);
    expect(tooMany.body.violations).toEqual(['at most 15 members, not 17']);
    const fewNgos = await send(named(3, 2)).expect(422);
    expect(fewNgos.body.violations).toEqual([
      'at most 3/10 named by operator, not 2 of 5',
      'at least 7/10 named by ngo, not 3 of 5',
    ]);
    const unnamed = await send(
      named(5, 0).map((member, index) =>
        index === 1 ? { ...member, nominatedBy: undefined } : member,
      ),
    ).expect(422);
    expect(unnamed.body.violations).toEqual(['every member states who named them (nominatedBy)']);
    const byState = await send(
      named(5, 0).map((member, index) =>
        index === 1 ? { ...member, nominatedBy: 'state' } : member,
      ),
    ).expect(422);
    expect(byState.body.violations).toContain('only operator and ngo name members');
    expect(await count('commission_members', lotId)).toBe(0);

    // 11 of 15 is at least 7/10 (10.5), 4 of 15 at most 3/10 (4.5).
    const fifteen = await send(named(11, 4)).expect(200);
    expect(fifteen.body.members).toHaveLength(15);
    await send(named(4, 1)).expect(200);
    // The republican round has its own commission, named before the second round begins.
    const second = await send(named(4, 1, 10), 2).expect(200);
    expect(second.body).toMatchObject({ round: 2 });

    // A draw from the NGOs' register and the operator's keeps the shares.
    const drawn = await auth(t.http.post(`/lots/${lotId}/commission/draw`), kzBuyer.staffToken)
      .send({
        seed: 'kz-draw',
        pools: [
          { from: experts.slice(0, 12), size: 4, nominatedBy: 'ngo' },
          { from: experts.slice(12), size: 1, nominatedBy: 'operator' },
        ],
      })
      .expect(201);
    expect(
      drawn.body.members.filter((member: { nominatedBy: string }) => member.nominatedBy === 'ngo'),
    ).toHaveLength(4);
    const badDraw = await auth(t.http.post(`/lots/${lotId}/commission/draw`), kzBuyer.staffToken)
      .send({ seed: 'kz-draw', pools: [{ from: experts.slice(0, 12), size: 4 }] })
      .expect(422);
    expect(badDraw.body.code).toBe('composition-rules');
    const rounds = await auth(t.http.get(`/lots/${lotId}/commission`), kzBuyer.staffToken).expect(
      200,
    );
    expect(rounds.body.rounds.map((round: { round: number }) => round.round)).toEqual([1, 2]);
    expect(rounds.body.rounds[0]).toMatchObject({ draws: 1 });
  }, 60_000);

  it('draws the same commission from the same seed and keeps every draw', async () => {
    const lotId = await draftLot();
    const register = [chair.id, secretary.id, memberC.id, memberD.id, outsider.id];
    const draw = (body: Record<string, unknown>) =>
      auth(t.http.post(`/lots/${lotId}/commission/draw`), buyer.staffToken).send(body);

    const first = await draw({ seed: 'ticket 41', pools: [{ from: register, size: 3 }] }).expect(
      201,
    );
    const expected = drawFrom('ticket 41', `${lotId}/1/1`, [...register].sort(), 3);
    expect(first.body.lastDraw).toMatchObject({
      seed: 'ticket 41',
      drawn: expected,
      pools: [{ register: [...register].sort(), size: 3, nominatedBy: null }],
    });
    expect(
      first.body.members.find((member: { office: string }) => member.office === 'chair'),
    ).toMatchObject({ userId: expected[0] });
    // The order the register is sent in does not matter; the seed decides.
    const again = await draw({
      seed: 'ticket 41',
      pools: [{ from: [...register].reverse(), size: 3 }],
      secretary: expected[2],
    }).expect(201);
    expect(again.body.lastDraw.drawn).toEqual(expected);
    expect(again.body.draws).toBe(2);
    expect(
      again.body.members.map((member: { userId: string; office: string }) => [
        member.userId,
        member.office,
      ]),
    ).toEqual([
      [expected[0], 'chair'],
      [expected[2], 'secretary'],
      [expected[1], 'member'],
    ]);
    const unseeded = await draw({ pools: [{ from: register, size: 2 }] }).expect(201);
    expect(unseeded.body.lastDraw.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(unseeded.body.lastDraw.drawn).toEqual(
      drawFrom(unseeded.body.lastDraw.seed, `${lotId}/1/1`, [...register].sort(), 2),
    );

    const tooMany = await draw({ seed: 's', pools: [{ from: register, size: 6 }] }).expect(422);
    expect(tooMany.body.code).toBe('register-too-small');
    const notDrawn = await draw({
      seed: 'ticket 41',
      pools: [{ from: register, size: 3 }],
      chair: register.find((id) => !expected.includes(id)),
    }).expect(422);
    expect(notDrawn.body.code).toBe('office-not-drawn');
    const foreign = await draw({
      seed: 's',
      pools: [{ from: [...register, strangerId], size: 6 }],
    }).expect(422);
    expect(foreign.body).toMatchObject({ code: 'not-commission-member', userIds: [strangerId] });
    const malformed = await draw({ seed: '', pools: [{ from: ['x'], size: 0 }] }).expect(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await count('commission_draws', lotId)).toBe(3);
    // Draws are kept as they were made.
    await expect(
      t.database.query(`DELETE FROM commission_draws WHERE lot_id = $1`, [lotId]),
    ).rejects.toThrow(/append-only/);
  });

  it('takes declarations after the call closes; a linked member is recused, links are never removed', async () => {
    const lotId = await draftLot();
    await compose(lotId, standard()).expect(200);
    await openCall(t, buyer, lotId);
    const early = await declare(lotId, chair, []).expect(409);
    expect(early.body).toMatchObject({ code: 'declarations-closed', state: 'callForBids.open' });
    const { lotId: closed, applications } = await lotInAdmissibility(2);
    const [first, second] = applications;

    // The buyer's commission member who is not on this lot's commission reads nothing.
    const outsiderDeclares = await declare(closed, outsider, []).expect(403);
    expect(outsiderDeclares.body.code).toBe('not-on-commission');
    const outsiderReads = await auth(
      t.http.get(`/applications/${first.id}`),
      outsider.token,
    ).expect(403);
    expect(outsiderReads.body.code).toBe('not-on-commission');

    // Undeclared: refused; declared without a conflict: reads both.
    const undeclared = await auth(t.http.get(`/applications/${first.id}`), memberD.token).expect(
      403,
    );
    expect(undeclared.body.code).toBe('declaration-required');
    const none = await declare(closed, chair, []).expect(200);
    expect(none.body).toMatchObject({ lotId: closed, round: 1, memberUserId: chair.id, links: [] });
    await auth(t.http.get(`/applications/${first.id}`), chair.token).expect(200);
    await auth(t.http.get(`/applications/${second.id}`), chair.token).expect(200);

    // A link recuses the member from that application only.
    const linked = await declare(closed, memberC, [
      { applicationId: first.id, link: 'founder', note: 'Co-founded it in 2019' },
    ]).expect(200);
    expect(linked.body.links).toEqual([
      { applicationId: first.id, link: 'founder', note: 'Co-founded it in 2019' },
    ]);
    const recused = await auth(t.http.get(`/applications/${first.id}`), memberC.token).expect(403);
    expect(recused.body.code).toBe('recused');
    await auth(t.http.get(`/applications/${first.id}/documents/${first.id}`), memberC.token).expect(
      403,
    );
    const cleared = await auth(t.http.get(`/applications/${second.id}`), memberC.token).expect(200);
    expect(cleared.body.id).toBe(second.id);

    // Amendments only add: removing the link is refused; adding one is kept with the earlier.
    const removal = await declare(closed, memberC, []).expect(409);
    expect(removal.body).toMatchObject({
      code: 'link-removed',
      removed: [{ applicationId: first.id, link: 'founder' }],
    });
    await declare(closed, memberC, [
      { applicationId: first.id, link: 'founder', note: 'Co-founded it in 2019' },
      { applicationId: second.id, link: 'paidLast12Months' },
    ]).expect(200);
    await auth(t.http.get(`/applications/${second.id}`), memberC.token).expect(403);
    // Repeating a declaration changes nothing and records nothing.
    await declare(closed, chair, []).expect(200);
    // The chair read the first application before declaring a link to it: the logs show both.
    await declare(closed, chair, [{ applicationId: first.id, link: 'closeFamily' }]).expect(200);
    await auth(t.http.get(`/applications/${first.id}`), chair.token).expect(403);
    const history = await t.database.query<{ member: string; links: unknown[] }>(
      `SELECT member_user_id AS member, links FROM conflict_declaration_history
       WHERE lot_id = $1 ORDER BY recorded_at, id`,
      [closed],
    );
    expect(history.map((entry) => [entry.member, entry.links.length])).toEqual([
      [chair.id, 0],
      [memberC.id, 1],
      [memberC.id, 2],
      [chair.id, 1],
    ]);
    const [{ readBefore }] = await t.database.query<{ readBefore: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM application_reads r
         WHERE r.application_id = $1 AND r.reader_user_id = $2
           AND r.read_at < (SELECT max(recorded_at) FROM conflict_declaration_history
                            WHERE lot_id = $3 AND member_user_id = $2)
       ) AS "readBefore"`,
      [first.id, chair.id, closed],
    );
    expect(readBefore).toBe(true);

    const own = await auth(
      t.http.get(`/lots/${closed}/commission/declaration`),
      memberC.token,
    ).expect(200);
    expect(own.body.links).toHaveLength(2);
    const missing = await auth(
      t.http.get(`/lots/${closed}/commission/declaration?round=1`),
      memberD.token,
    ).expect(404);
    expect(missing.body.code).toBe('declaration-not-found');

    // Bad links: unknown application, a link kind nobody knows, a link twice; nothing stored.
    const before = await count('conflict_declaration_history', closed);
    const unknown = await declare(closed, memberD, [
      { applicationId: '5b0f3f0e-4f5c-4d52-9a51-6f3c1c1f0b11', link: 'founder' },
    ]).expect(422);
    expect(unknown.body.code).toBe('unknown-application');
    const badKind = await declare(closed, memberD, [
      { applicationId: first.id, link: 'cousin' },
    ]).expect(400);
    expect(badKind.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(badKind.body.errors[0].field).toBe('links.0.link');
    const doubled = await declare(closed, memberD, [
      { applicationId: first.id, link: 'head' },
      { applicationId: first.id, link: 'head' },
    ]).expect(422);
    expect(doubled.body.code).toBe('duplicate-link');
    await auth(t.http.put(`/lots/${closed}/commission/declaration`), memberD.token)
      .send({ links: 'none' })
      .expect(400);
    expect(await count('conflict_declaration_history', closed)).toBe(before);
    expect(await count('conflict_declarations', closed)).toBe(2);

    const view = await auth(t.http.get(`/lots/${closed}/commission`), buyer.staffToken).expect(200);
    const declared = Object.fromEntries(
      view.body.rounds[0].members.map((member: { userId: string; declared: boolean }) => [
        member.userId,
        member.declared,
      ]),
    );
    expect(declared).toEqual({
      [chair.id]: true,
      [secretary.id]: false,
      [memberC.id]: true,
      [memberD.id]: false,
    });
    // The composition is fixed once the round's evaluation began.
    const late = await compose(closed, standard()).expect(409);
    expect(late.body.code).toBe('commission-fixed');
  }, 60_000);

  it('lets the secretary decide admissibility, tells a rejected NGO why, and completes into scoring', async () => {
    const { lotId, applications } = await lotInAdmissibility(3);
    const [first, second, third] = applications;
    const reject = {
      decision: 'rejected',
      reasonCode: 'missing-document',
      reason: 'Не приложен устав организации',
    };

    const undeclared = await decide(lotId, first.id, secretary, { decision: 'admitted' }).expect(
      403,
    );
    expect(undeclared.body.code).toBe('declaration-required');
    await declare(lotId, secretary, [{ applicationId: second.id, link: 'governingBody' }]).expect(
      200,
    );
    await declare(lotId, chair, []).expect(200);
    await declare(lotId, memberC, []).expect(200);
    // The chair decides only where the secretary cannot; a plain member never.
    const notSecretary = await decide(lotId, first.id, chair, { decision: 'admitted' }).expect(403);
    expect(notSecretary.body).toMatchObject({ code: 'office-required', offices: ['secretary'] });
    const member = await decide(lotId, first.id, memberC, { decision: 'admitted' }).expect(403);
    expect(member.body.code).toBe('office-required');
    const recused = await decide(lotId, second.id, secretary, reject).expect(403);
    expect(recused.body.code).toBe('recused');

    // Bad input is refused and stores nothing.
    const noReason = await decide(lotId, first.id, secretary, { decision: 'rejected' }).expect(422);
    expect(noReason.body.code).toBe('reason-required');
    const reasonForAdmission = await decide(lotId, first.id, secretary, {
      decision: 'admitted',
      reason: 'fine',
    }).expect(422);
    expect(reasonForAdmission.body.code).toBe('reason-with-admission');
    const badDecision = await decide(lotId, first.id, secretary, {
      decision: 'maybe',
      reasonCode: 'Missing Document!',
    }).expect(400);
    expect(badDecision.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(badDecision.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'decision',
      'reasonCode',
    ]);
    await auth(t.http.put(`/lots/${lotId}/admissibility/not-a-uuid`), secretary.token)
      .send({ decision: 'admitted' })
      .expect(400);
    const stranger = await decide(lotId, '5b0f3f0e-4f5c-4d52-9a51-6f3c1c1f0b11', secretary, {
      decision: 'admitted',
    }).expect(404);
    expect(stranger.body.code).toBe('application-not-found');
    expect(await count('admissibility_decisions', lotId)).toBe(0);

    const admitted = await decide(lotId, first.id, secretary, { decision: 'admitted' }).expect(200);
    expect(admitted.body).toMatchObject({
      applicationId: first.id,
      ngoId: first.ngo.id,
      decision: 'admitted',
      reasonCode: null,
      decidedBy: secretary.id,
    });
    // The secretary is recused for the second application: the chair decides it.
    const rejected = await decide(lotId, second.id, chair, reject).expect(200);
    expect(rejected.body).toMatchObject({ ...reject, decidedBy: chair.id });

    const inbox = await auth(t.http.get('/me/notifications'), second.ngo.token).expect(200);
    const notice = inbox.body.items.find(
      (item: { name: string }) => item.name === 'application.rejected',
    );
    expect(notice).toMatchObject({
      lotId,
      data: { applicationId: second.id, reasonCode: 'missing-document', reason: reject.reason },
    });
    expect(notice.body).toContain(reject.reason);
    const elsewhere = await auth(t.http.get('/me/notifications'), first.ngo.token).expect(200);
    expect(
      elsewhere.body.items.filter((item: { name: string }) => item.name === 'application.rejected'),
    ).toEqual([]);
    // A repeated rejection is harmless (the NGO hears once); reversing it is refused.
    await decide(lotId, second.id, chair, reject).expect(200);
    const reversed = await decide(lotId, second.id, chair, { decision: 'admitted' }).expect(409);
    expect(reversed.body.code).toBe('rejection-final');
    const [{ notices }] = await t.database.query<{ notices: number }>(
      `SELECT count(*)::int AS notices FROM notifications
       WHERE lot_id = $1 AND name = 'application.rejected'`,
      [lotId],
    );
    expect(notices).toBe(1);

    // Completion waits for every submitted application.
    const early = await auth(
      t.http.post(`/lots/${lotId}/admissibility/complete`),
      secretary.token,
    ).expect(409);
    expect(early.body).toMatchObject({
      code: 'applications-undecided',
      applicationIds: [third.id],
    });
    const listed = await auth(t.http.get(`/lots/${lotId}/admissibility`), buyer.staffToken).expect(
      200,
    );
    expect(listed.body).toMatchObject({ lotId, admitted: 1, rejected: 1, undecided: 1 });
    await auth(t.http.get(`/lots/${lotId}/admissibility`), outsider.token).expect(403);
    await auth(t.http.get(`/lots/${lotId}/admissibility`), memberD.token).expect(200);

    // An admission may still become a rejection while the check runs.
    await decide(lotId, third.id, secretary, { decision: 'admitted' }).expect(200);
    await decide(lotId, third.id, secretary, reject).expect(200);
    const byMember = await auth(
      t.http.post(`/lots/${lotId}/admissibility/complete`),
      memberD.token,
    ).expect(403);
    expect(byMember.body.code).toBe('office-required');
    const done = await auth(
      t.http.post(`/lots/${lotId}/admissibility/complete`),
      secretary.token,
    ).expect(200);
    expect(done.body).toMatchObject({
      lotId,
      state: 'evaluation.scoring',
      admittedCount: 1,
      rejectedCount: 2,
    });
    const [audit] = await t.database.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM audit_events WHERE lot_id = $1 AND event_type = 'ADMISSIBILITY_DONE'`,
      [lotId],
    );
    expect(audit.payload).toEqual({ admittedCount: 1 });
    const closed = await decide(lotId, first.id, secretary, reject).expect(409);
    expect(closed.body.code).toBe('admissibility-closed');
  }, 60_000);

  it('makes the lot unsuccessful when every application is rejected', async () => {
    // Without a secretary the chair decides.
    const { lotId, applications } = await lotInAdmissibility(2, [
      { userId: chair.id, office: 'chair' },
      { userId: memberC.id, office: 'member' },
    ]);
    await declare(lotId, chair, []).expect(200);
    for (const application of applications) {
      await decide(lotId, application.id, chair, {
        decision: 'rejected',
        reasonCode: 'not-eligible',
        reason: 'The organisation is not registered as a non-profit',
      }).expect(200);
    }
    const done = await auth(t.http.post(`/lots/${lotId}/admissibility/complete`), chair.token)
      .set('If-Match', '"0"')
      .expect(409);
    expect(done.body.code).toBe('version-conflict');
    const finished = await auth(
      t.http.post(`/lots/${lotId}/admissibility/complete`),
      chair.token,
    ).expect(200);
    expect(finished.body).toMatchObject({ state: 'unsuccessful', admittedCount: 0 });
  }, 60_000);
});
