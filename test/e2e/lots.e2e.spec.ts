import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { verifyLots } from '../../src/audit/audit-chain.js';
import { hearingNotice, publishForHearing } from '../fixtures/hearings.js';
import { KG_WALK, walkToClosed } from '../fixtures/lot-walk.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

describe('lots: programmes, the engine, the audit trail (e2e)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  let programmeId: string;

  const lot = (number: string) => ({
    number,
    theme: `Центр услуг ${number}`,
    territories: [
      { name: 'Ошская обл.', maxAmount: 133_300_000 },
      { name: 'Нарынская обл.', maxAmount: 119_150_000 },
    ],
    durationMonths: 12,
    indicatorTargets: [{ description: 'children given temporary stay', target: 25 }],
  });

  async function addLot(number: string) {
    const response = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send(lot(number))
      .expect(201);
    return response.body as { id: string; version: number; state: string };
  }

  const send = (lotId: string, token: string, type: string, payload?: object) =>
    t.http.post(`/lots/${lotId}/events`).auth(token, { type: 'bearer' }).send({ type, payload });
  const publish = (lotId: string, token = buyer.staffToken) =>
    t.http.post(`/lots/${lotId}/hearing`).auth(token, { type: 'bearer' }).send(hearingNotice());

  beforeAll(async () => {
    t = await startTestApp();
    const adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken);
    const programme = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        title: 'Государственный социальный заказ на 2019 год',
        jurisdiction: 'KG',
        periodStart: '2019-01-01',
        periodEnd: '2019-12-31',
        currency: 'KGS',
        totalBudget: 2_000_000_000,
        profileId: 'kg-grant',
      })
      .expect(201);
    programmeId = programme.body.id;
    expect(programme.body).toMatchObject({ timeZone: 'Asia/Bishkek', allocated: 0 });
  });
  afterAll(async () => t.close());

  it('walks a lot of the KG profile from draft to closed, recording every step', async () => {
    const created = await addLot('1.1');
    expect(created).toMatchObject({
      state: 'draft',
      version: 1,
      maxAmount: 252_450_000,
      allowedEvents: expect.arrayContaining(['PUBLISH_FOR_HEARING', 'CANCEL']),
    });
    const staff = buyer.staffToken;
    await walkToClosed(t, buyer, created.id);
    const final = await t.http
      .get(`/lots/${created.id}`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(final.body).toMatchObject({
      state: 'closed',
      final: true,
      version: 11,
      allowedEvents: [],
    });

    const history = await t.http
      .get(`/lots/${created.id}/history`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(history.body.map((entry: { eventType: string }) => entry.eventType)).toEqual([
      'LOT_CREATED',
      ...KG_WALK.map(([type]) => type),
    ]);
    expect(history.body[3]).toMatchObject({
      actorRole: 'buyer_staff',
      payload: { callPeriodDays: 30 },
    });
    expect(history.body[4]).toMatchObject({
      actorRole: 'system',
      actorUserId: null,
      payload: { submittedCount: 1 },
    });
    const verdict = await t.http
      .get(`/lots/${created.id}/audit/verify`)
      .auth(staff, { type: 'bearer' })
      .expect(200);
    expect(verdict.body).toEqual({ valid: true, entries: 11 });
  });

  it('refuses an event the state does not accept with 409 naming the state and what it accepts', async () => {
    const draft = await addLot('1.2');
    const response = await send(draft.id, buyer.staffToken, 'ANNUL_AWARD', {
      reason: 'No award yet',
    }).expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'event-not-accepted',
      state: 'draft',
      acceptedEvents: expect.arrayContaining(['PUBLISH_FOR_HEARING', 'CANCEL']),
    });
    const unknown = await send(draft.id, buyer.staffToken, 'TELEPORT').expect(400);
    expect(unknown.body.code).toBe('unknown-event');
    const system = await send(draft.id, buyer.staffToken, 'CALL_DEADLINE').expect(403);
    expect(system.body.code).toBe('system-event');
    const wrongRole = await publish(draft.id, buyer.commissionToken).expect(403);
    expect(wrongRole.body.code).toBe('role-required');
  });

  it('needs a reason to cancel, refuses unknown inputs, and cancels from any open state', async () => {
    const target = await addLot('1.3');
    const blank = await send(target.id, buyer.staffToken, 'CANCEL', { reason: '  ' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'payload.reason' })]);
    const extra = await send(target.id, buyer.staffToken, 'CANCEL', {
      reason: 'x',
      quorumMet: true,
    }).expect(400);
    expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'payload.quorumMet' })]);
    await publishForHearing(t, buyer, target.id);
    const cancelled = await send(target.id, buyer.staffToken, 'CANCEL', {
      reason: 'Funding withdrawn by the ministry',
    }).expect(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', final: true });
    await publish(target.id).expect(409);
  });

  it('lets exactly one of 20 concurrent identical transitions win, and keeps the chain valid', async () => {
    const target = await addLot('2.1');
    const responses = await Promise.all(Array.from({ length: 20 }, () => publish(target.id)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(['version-conflict', 'event-not-accepted']).toContain(response.body.code);
    }
    const history = await t.http
      .get(`/lots/${target.id}/history`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(history.body.map((entry: { eventType: string }) => entry.eventType)).toEqual([
      'LOT_CREATED',
      'PUBLISH_FOR_HEARING',
    ]);
    const verdict = await t.http
      .get(`/lots/${target.id}/audit/verify`)
      .auth(buyer.staffToken, { type: 'bearer' });
    expect(verdict.body).toEqual({ valid: true, entries: 2 });
  });

  it('answers a stale If-Match with 409 and the current version', async () => {
    const target = await addLot('2.2');
    const stale = await t.http
      .post(`/lots/${target.id}/hearing`)
      .set('If-Match', '"7"')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send(hearingNotice())
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 1 });
    await t.http
      .post(`/lots/${target.id}/hearing`)
      .set('If-Match', '"1"')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send(hearingNotice())
      .expect(201);
  });

  it('tells a caller with no role on a lot nothing of it through a stale If-Match', async () => {
    const draft = await addLot('2.4');
    const adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    const other = await createBuyer(t, adminToken, { name: 'Чужой заказчик' });
    const cancel = (lotId: string, token: string, ifMatch: string) =>
      t.http
        .post(`/lots/${lotId}/events`)
        .set('If-Match', ifMatch)
        .auth(token, { type: 'bearer' })
        .send({ type: 'CANCEL', payload: { reason: 'Probing' } });

    // Someone else's draft, whatever the version sent, is answered as a lot that does not exist.
    const missing = await cancel('00000000-0000-4000-8000-000000000000', other.staffToken, '"7"');
    for (const token of [other.staffToken, other.commissionToken, buyer.commissionToken]) {
      for (const version of ['"7"', '"1"']) {
        const probe = await cancel(draft.id, token, version).expect(404);
        expect(probe.body).toEqual({
          ...missing.body,
          detail: `No lot ${draft.id}`,
          instance: `/lots/${draft.id}/events`,
          requestId: probe.body.requestId,
        });
      }
    }

    // A published lot is public, but a stale version is told only to who may send the event.
    await publishForHearing(t, buyer, draft.id);
    const refused = await cancel(draft.id, other.staffToken, '"1"').expect(403);
    expect(refused.body.code).toBe('role-required');
    expect(refused.body).not.toHaveProperty('currentVersion');
    const stale = await cancel(draft.id, buyer.staffToken, '"1"').expect(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', currentVersion: 2 });
    const current = await t.http
      .get(`/lots/${draft.id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(current.body.version).toBe(2);
  });

  it('detects a tampered audit row and names the first broken link', async () => {
    const target = await addLot('2.3');
    await publishForHearing(t, buyer, target.id);
    await send(target.id, buyer.staffToken, 'CANCEL', { reason: 'Tested' }).expect(200);
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      // The table refuses updates; only someone who switches its trigger off can tamper.
      await expect(
        client.query(
          `UPDATE audit_events SET payload = '{"reason":"x"}' WHERE lot_id = $1 AND seq = 3`,
          [target.id],
        ),
      ).rejects.toThrow(/append-only/);
      await client.query('SET session_replication_role = replica');
      await client.query(
        `UPDATE audit_events SET payload = '{"reason":"Forged"}' WHERE lot_id = $1 AND seq = 2`,
        [target.id],
      );
    } finally {
      await client.end();
    }
    const verdict = await t.http
      .get(`/lots/${target.id}/audit/verify`)
      .auth(buyer.staffToken, { type: 'bearer' });
    expect(verdict.body).toEqual({
      valid: false,
      entries: 3,
      firstBroken: { seq: 2, reason: 'hash-mismatch' },
    });
    // The CLI's check (npm run audit:verify) finds it too, among the lots that are intact.
    const verdicts = await verifyLots(t.app.get(DataSource));
    const broken = verdicts.filter((entry) => !entry.verdict.valid).map((entry) => entry.lotId);
    expect(broken).toEqual([target.id]);
    expect(verdicts.length).toBeGreaterThan(1);
  });

  it('keeps drafts to their buyer, edits only drafts, and holds the programme budget', async () => {
    const target = await addLot('3.1');
    const edited = await t.http
      .patch(`/lots/${target.id}`)
      .set('If-Match', '1')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ territories: [{ name: 'Таласская обл.', maxAmount: 112_300_000 }] })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, maxAmount: 112_300_000, state: 'draft' });
    const mismatch = await t.http
      .patch(`/lots/${target.id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ maxAmount: 1 })
      .expect(422);
    expect(mismatch.body.code).toBe('lot-amount-mismatch');
    const tooBig = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ ...lot('3.2'), territories: [{ name: 'Чуйская обл.', maxAmount: 1_900_000_000 }] })
      .expect(422);
    expect(tooBig.body.code).toBe('programme-budget-exceeded');
    const taken = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send(lot('3.1'))
      .expect(409);
    expect(taken.body.code).toBe('lot-number-taken');

    // Another buyer sees neither the draft nor can edit the programme.
    const adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    const other = await createBuyer(t, adminToken, { name: 'Другой заказчик' });
    await t.http.get(`/lots/${target.id}`).auth(other.staffToken, { type: 'bearer' }).expect(404);
    await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(other.staffToken, { type: 'bearer' })
      .send(lot('9.9'))
      .expect(403);

    await publishForHearing(t, buyer, target.id);
    const notDraft = await t.http
      .patch(`/lots/${target.id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ theme: 'Changed after publication' })
      .expect(409);
    expect(notDraft.body.code).toBe('lot-not-draft');
    // Published lots are visible to others, and filterable.
    await t.http.get(`/lots/${target.id}`).auth(other.staffToken, { type: 'bearer' }).expect(200);
    const found = await t.http
      .get('/lots')
      .query({ state: 'publicHearing', territory: 'Таласская обл.', q: '3.1' })
      .auth(other.staffToken, { type: 'bearer' })
      .expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([target.id]);
  });

  it('serves each profile’s workflow as JSON and Mermaid, publicly', async () => {
    const profiles = await t.http.get('/workflows').expect(200);
    expect(profiles.body.map((profile: { id: string }) => profile.id)).toEqual(
      expect.arrayContaining(['kg-grant', 'kz-two-round', 'ua-competition']),
    );
    const kg = await t.http.get('/workflows/kg-grant').expect(200);
    expect(kg.body.initial).toBe('draft');
    const mermaid = await t.http.get('/workflows/ua-competition/mermaid').expect(200);
    expect(mermaid.text).toMatch(/^stateDiagram-v2/);
    await t.http.get('/workflows/xx-none').expect(404);
  });
});
