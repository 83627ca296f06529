import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import pg from 'pg';
import { canonicalJson } from '../../src/common/canonical-json.js';
import { DeadlineProcessor } from '../../src/deadlines/deadline.processor.js';
import type { DeadlineJobData } from '../../src/queue/queues.js';
import {
  applyToLot,
  createNgo,
  proposal,
  submitApplication,
  type TestNgo,
} from '../fixtures/applications.js';
import { openCall, REQUIRED_DOCUMENTS } from '../fixtures/calls.js';
import { createUaBuyer, createUaProgramme, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(2048, 0x20),
  Buffer.from('%%EOF\n'),
]);
const TERRITORIES = [
  { name: 'Олександрія', maxAmount: 133_300_000 },
  { name: 'Кропивницький', maxAmount: 133_690_000 },
];

describe('NGO applications (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let programmeId: string;
  let ngo: TestNgo;
  let rival: TestNgo;
  let documentsDir: string;
  let lotCounter = 0;

  const auth = <T extends { auth: (token: string, options: { type: 'bearer' }) => T }>(
    request: T,
    token: string,
  ) => request.auth(token, { type: 'bearer' });

  /** A lot with two territories, its call open for 30 days (the UA profile: no hearing, 2 applications at least). */
  async function openLot(announcement: Record<string, unknown> = {}): Promise<string> {
    lotCounter += 1;
    const created = await auth(t.http.post(`/programmes/${programmeId}/lots`), buyer.staffToken)
      .send({
        number: `${lotCounter}.1`,
        theme: 'Социальное общежитие для клиентов пробации',
        territories: TERRITORIES,
      })
      .expect(201);
    await openCall(t, buyer, created.body.id, { callPeriodDays: 30, ...announcement });
    return created.body.id as string;
  }

  function draft(lotId: string, who: TestNgo, body: Record<string, unknown>) {
    return auth(t.http.post(`/lots/${lotId}/applications`), who.token).send(body);
  }

  const complete = (amount = 100_000_000): Record<string, unknown> => ({
    ...proposal(amount),
    requestedAmount: undefined,
    territories: [{ name: 'Кропивницький', amount }],
  });

  function upload(applicationId: string, who: TestNgo, bytes = PDF, type = 'application/pdf') {
    return auth(t.http.post(`/applications/${applicationId}/documents`), who.token)
      .field('kind', 'other')
      .attach('file', bytes, { filename: 'Устав.pdf', contentType: type });
  }

  /** Moves the call's deadline to `seconds` from the database's now (negative: in the past). */
  async function callClosesIn(lotId: string, seconds: number): Promise<Date> {
    const [row] = await t.database.query<{ dueAt: Date }>(
      `UPDATE lot_deadlines SET due_at = clock_timestamp() + make_interval(secs => $2)
       WHERE lot_id = $1 AND kind = 'callClose' RETURNING due_at AS "dueAt"`,
      [lotId, seconds],
    );
    return row.dueAt;
  }

  /** The deadline job as the worker runs it (same processor, same transaction). */
  async function fireCallDeadline(lotId: string) {
    const [row] = await t.database.query<{ generation: number }>(
      `SELECT generation FROM lot_deadlines WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    const job = {
      name: 'fire',
      data: { lotId, kind: 'callClose', generation: row.generation },
      moveToDelayed: async () => undefined,
    } as unknown as Job<DeadlineJobData>;
    return t.app.get(DeadlineProcessor).process(job);
  }

  async function lotState(lotId: string): Promise<string> {
    const [row] = await t.database.query<{ state: string }>(
      `SELECT state FROM lots WHERE id = $1`,
      [lotId],
    );
    return row.state;
  }

  beforeAll(async () => {
    documentsDir = await mkdtemp(join(tmpdir(), 'soczakaz-documents-'));
    t = await startTestApp({
      withWorker: true,
      env: {
        DOCUMENTS_DIR: documentsDir,
        DOCUMENT_MAX_BYTES: String(64 * 1024),
        LOG_LEVEL: 'error',
      },
    });
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createUaBuyer(t, adminToken);
    programmeId = await createUaProgramme(t, buyer);
    ngo = await createNgo(t, adminToken, { name: 'ОО «Реабилитация»' });
    rival = await createNgo(t, adminToken, { name: 'ОФ «Соперник»' });
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await rm(documentsDir, { recursive: true, force: true });
  });

  it('drafts, uploads, submits, edits, withdraws and resubmits, with a receipt that verifies', async () => {
    const lotId = await openLot();
    const created = await draft(lotId, ngo, { approach: 'Draft in progress' }).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', revision: 1, requestedAmount: 0 });
    const id = created.body.id as string;

    const uploaded = await upload(id, ngo).expect(201);
    const document = uploaded.body.documents[0];
    expect(document).toMatchObject({
      kind: 'other',
      fileName: 'Устав.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });

    const incomplete = await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(422);
    expect(incomplete.body).toMatchObject({ code: 'application-incomplete' });
    expect(incomplete.headers['content-type']).toMatch(/application\/problem\+json/);

    await auth(t.http.patch(`/applications/${id}`), ngo.token)
      .send(complete())
      .expect(200);
    const receipt = (await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(200))
      .body;
    expect(receipt).toMatchObject({
      applicationId: id,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Anyone holding the receipt recomputes its hash; it names the document by its own hash.
    expect(createHash('sha256').update(canonicalJson(receipt.content)).digest('hex')).toBe(
      receipt.sha256,
    );
    expect(receipt.content.documents).toEqual([
      expect.objectContaining({ id: document.id, sha256: document.sha256 }),
    ]);
    const own = (await auth(t.http.get(`/applications/${id}`), ngo.token).expect(200)).body;
    expect(own).toMatchObject({
      status: 'submitted',
      receiptHash: receipt.sha256,
      approach: proposal().approach,
    });
    const download = await auth(
      t.http.get(`/applications/${id}/documents/${document.id}`),
      ngo.token,
    )
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);

    // An edit of a submitted application is a new revision with a new receipt.
    const edited = await auth(t.http.patch(`/applications/${id}`), ngo.token)
      .set('If-Match', String(own.revision))
      .send({ approach: 'A revised approach with mentoring' })
      .expect(200);
    expect(edited.body.status).toBe('submitted');
    expect(edited.body.revision).toBe(own.revision + 1);
    expect(edited.body.receiptHash).not.toBe(receipt.sha256);
    const stale = await auth(t.http.patch(`/applications/${id}`), ngo.token)
      .set('If-Match', String(own.revision))
      .send({ approach: 'Lost update' })
      .expect(409);
    expect(stale.body.code).toBe('revision-conflict');

    const withdrawn = await auth(t.http.post(`/applications/${id}/withdraw`), ngo.token).expect(
      200,
    );
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      receiptHash: null,
      submittedAt: null,
    });
    const again = await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(200);
    expect(again.body.revision).toBe(withdrawn.body.revision + 1);

    const [{ count }] = await t.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM application_revisions WHERE application_id = $1`,
      [id],
    );
    expect(count).toBe(again.body.revision);
    const duplicate = await draft(lotId, ngo, complete()).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'application-exists', applicationId: id });

    const mine = (await auth(t.http.get('/me/applications'), ngo.token).expect(200)).body;
    expect(mine.items).toContainEqual(
      expect.objectContaining({
        id,
        lotId,
        status: 'submitted',
        stage: 'callForBids',
        nextDeadline: 'callClose',
        nextDate: expect.any(String),
        receiptHash: again.body.sha256,
        outcome: null,
      }),
    );
  });

  it('takes the documents the call requires, of the types it names, before a submission', async () => {
    const lotId = await openLot({ requiredDocuments: REQUIRED_DOCUMENTS });
    const id = (await draft(lotId, ngo, complete()).expect(201)).body.id as string;
    const missing = await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(422);
    expect(missing.body.missing).toEqual([
      'document statute (Статут)',
      'document budget (Кошторис)',
    ]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const wrongType = await auth(t.http.post(`/applications/${id}/documents`), ngo.token)
      .field('kind', 'statute')
      .attach('file', png, { filename: 'statute.png', contentType: 'image/png' })
      .expect(415);
    expect(wrongType.body).toMatchObject({ allowed: ['application/pdf'] });
    for (const kind of ['statute', 'budget']) {
      await auth(t.http.post(`/applications/${id}/documents`), ngo.token)
        .field('kind', kind)
        .attach('file', PDF, { filename: `${kind}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
    const receipt = await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(200);
    expect(receipt.body.content.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'budget',
      'statute',
    ]);
    // Removing a required document from a submitted application is refused: it would be incomplete.
    const statute = receipt.body.content.documents.find(
      (d: { kind: string }) => d.kind === 'statute',
    );
    const removal = await auth(
      t.http.delete(`/applications/${id}/documents/${statute.id}`),
      ngo.token,
    ).expect(422);
    expect(removal.body.code).toBe('application-incomplete');
  });

  it('keeps applications sealed: other NGOs, the buyer and undeclared members learn nothing', async () => {
    const lotId = await openLot();
    const { id } = await submitApplication(t, ngo, lotId, complete());
    const rivalRead = await auth(t.http.get(`/applications/${id}`), rival.token).expect(404);
    expect(rivalRead.body.code).toBe('application-not-found');
    await auth(t.http.patch(`/applications/${id}`), rival.token)
      .send({ approach: 'x' })
      .expect(404);
    const buyerRead = await auth(t.http.get(`/applications/${id}`), buyer.staffToken).expect(403);
    expect(buyerRead.body.code).toBe('application-sealed');
    const summary = await auth(
      t.http.get(`/lots/${lotId}/applications/summary`),
      buyer.staffToken,
    ).expect(200);
    expect(summary.body).toEqual({ lotId, submitted: 1, drafts: 0, withdrawn: 0 });
    await auth(t.http.get(`/lots/${lotId}/applications`), buyer.staffToken).expect(403);
    await auth(t.http.get(`/lots/${lotId}/applications/summary`), ngo.token).expect(403);
    const memberBefore = await auth(
      t.http.get(`/applications/${id}`),
      buyer.commissionToken,
    ).expect(403);
    expect(memberBefore.body.code).toBe('application-sealed');

    const other = await applyToLot(t, lotId);
    const member = await auth(t.http.get('/me'), buyer.commissionToken).expect(200);
    await auth(t.http.put(`/lots/${lotId}/commission`), buyer.staffToken)
      .send({ members: [{ userId: member.body.id, office: 'chair' }] })
      .expect(200);
    await callClosesIn(lotId, -1);
    expect(await fireCallDeadline(lotId)).toBe('fired');
    expect(await lotState(lotId)).toBe('evaluation.admissibility');
    // After the call: a member who has not declared conflicts is refused; the buyer still sees no content.
    const undeclared = await auth(t.http.get(`/applications/${id}`), buyer.commissionToken).expect(
      403,
    );
    expect(undeclared.body.code).toBe('declaration-required');
    await auth(t.http.get(`/applications/${id}`), buyer.staffToken).expect(403);
    await auth(t.http.get(`/applications/${id}`), rival.token).expect(404);
    const listed = await auth(t.http.get(`/lots/${lotId}/applications`), buyer.staffToken).expect(
      200,
    );
    expect(listed.body).toEqual([
      expect.objectContaining({
        id,
        ngoId: ngo.id,
        ngoName: 'ОО «Реабилитация»',
        status: 'submitted',
      }),
      expect.objectContaining({ ngoId: other.id, status: 'submitted' }),
    ]);
    expect(listed.body[0]).not.toHaveProperty('approach');
    // Every read of content after the deadline is logged, the NGO's own included.
    await auth(t.http.get(`/applications/${id}`), ngo.token).expect(200);
    const reads = await t.database.query<{ readerRole: string }>(
      `SELECT reader_role AS "readerRole" FROM application_reads WHERE application_id = $1`,
      [id],
    );
    expect(reads).toEqual([{ readerRole: 'ngo_member' }]);
    // The NGO can no longer change it.
    const late = await auth(t.http.patch(`/applications/${id}`), ngo.token)
      .send({ approach: 'late' })
      .expect(409);
    expect(late.body.code).toBe('call-not-open');
  });

  it('decides by the database clock: one second late is refused, the deadline job counts exactly the accepted', async () => {
    const lotId = await openLot();
    const early = await draft(lotId, ngo, complete()).expect(201);
    const late = await draft(lotId, rival, complete(50_000_000)).expect(201);

    // Just before the deadline, while the deadline job runs at the same moment: a reader holding
    // the lot (as a concurrent submission does) makes the job wait, and the submission is counted.
    const dueAt = await callClosesIn(lotId, 0.6);
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM lots WHERE id = $1 FOR SHARE', [lotId]);
    const submitted = await auth(t.http.post(`/applications/${early.body.id}/submit`), ngo.token);
    expect(submitted.status).toBe(200);
    expect(new Date(submitted.body.submittedAt).getTime()).toBeLessThanOrEqual(dueAt.getTime());
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now() + 50)),
    );
    const firing = fireCallDeadline(lotId);
    // One second after the deadline, while the job still waits for the lot: refused by the clock.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refused = await auth(t.http.post(`/applications/${late.body.id}/submit`), rival.token);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'call-closed', deadline: dueAt.toISOString() });
    await blocker.query('COMMIT');
    await blocker.end();
    expect(await firing).toBe('fired');

    // One application is fewer than the profile's minimum of two: the call fails.
    expect(await lotState(lotId)).toBe('unsuccessful');
    const [closing] = await t.database.query<{ payload: { submittedCount: number } }>(
      `SELECT payload FROM audit_events WHERE lot_id = $1 AND event_type = 'CALL_DEADLINE'`,
      [lotId],
    );
    expect(closing.payload.submittedCount).toBe(1);
    const rows = await t.database.query<{ id: string; status: string }>(
      `SELECT id, status FROM applications WHERE lot_id = $1 ORDER BY status`,
      [lotId],
    );
    expect(rows).toEqual([
      { id: late.body.id, status: 'draft' },
      { id: early.body.id, status: 'submitted' },
    ]);
    // Once the lot has moved on, the refusal names the state.
    const after = await auth(
      t.http.post(`/applications/${late.body.id}/submit`),
      rival.token,
    ).expect(409);
    expect(after.body.code).toBe('call-not-open');
  });

  it('a deadline job fires only once the database clock has reached the deadline', async () => {
    const lotId = await openLot();
    // The job is due when it starts, then waits for the lot while the deadline moves later: in
    // its transaction the clock check finds it early, and the lot stays open.
    await callClosesIn(lotId, -1);
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM lots WHERE id = $1 FOR SHARE', [lotId]);
    const firing = fireCallDeadline(lotId).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await callClosesIn(lotId, 5);
    await blocker.query('COMMIT');
    await blocker.end();
    expect(await firing).toBe('DelayedError');
    expect(await lotState(lotId)).toBe('callForBids.open');
    const [row] = await t.database.query<{ firedAt: Date | null }>(
      `SELECT fired_at AS "firedAt" FROM lot_deadlines WHERE lot_id = $1 AND kind = 'callClose'`,
      [lotId],
    );
    expect(row.firedAt).toBeNull();
  });

  it('refuses bad input with problem+json and stores nothing', async () => {
    const lotId = await openLot();
    const overTerritory = await draft(lotId, ngo, {
      territories: [{ name: 'Кропивницький', amount: 133_690_001 }],
    }).expect(422);
    expect(overTerritory.body).toMatchObject({
      code: 'amount-over-maximum',
      territory: 'Кропивницький',
    });
    const unknown = await draft(lotId, ngo, {
      territories: [{ name: 'Атлантида', amount: 1 }],
    }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'unknown-territory', unknown: ['Атлантида'] });
    const overLot = await draft(lotId, ngo, { requestedAmount: 266_990_001 }).expect(422);
    expect(overLot.body.code).toBe('amount-over-maximum');
    const badShape = await draft(lotId, ngo, { requestedAmount: -5, approach: 7 }).expect(400);
    expect(badShape.body.code).toBe('validation-failed');
    const unverified = await createNgo(t, adminToken, { name: 'ОО «Новое»', verified: false });
    expect((await draft(lotId, unverified, complete()).expect(403)).body.code).toBe(
      'ngo-not-verified',
    );
    expect(
      (await draft(lotId, { ...ngo, token: buyer.staffToken }, complete()).expect(403)).body.code,
    ).toBe('role-required');
    const [{ count: none }] = await t.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM applications WHERE lot_id = $1`,
      [lotId],
    );
    expect(none).toBe(0);

    const id = (await draft(lotId, ngo, complete()).expect(201)).body.id as string;
    const tooLarge = await upload(id, ngo, Buffer.concat([PDF, Buffer.alloc(70 * 1024)])).expect(
      413,
    );
    expect(tooLarge.headers['content-type']).toMatch(/application\/problem\+json/);
    const exe = await upload(
      id,
      ngo,
      Buffer.from('MZ\x90\x00 not a pdf'),
      'application/pdf',
    ).expect(415);
    expect(exe.body.code).toBe('unsupported-document-type');
    const wrongType = await upload(id, ngo, PDF, 'application/x-msdownload').expect(415);
    expect(wrongType.body.code).toBe('unsupported-document-type');
    const badKind = await auth(t.http.post(`/applications/${id}/documents`), ngo.token)
      .field('kind', 'passport-of-director')
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(422);
    expect(badKind.body.code).toBe('unknown-document-kind');
    const noFile = await auth(t.http.post(`/applications/${id}/documents`), ngo.token)
      .field('kind', 'other')
      .expect(400);
    expect(noFile.body.code).toBe('file-required');
    const [{ documents, revision }] = await t.database.query<{
      documents: number;
      revision: number;
    }>(
      `SELECT (SELECT count(*)::int FROM application_documents WHERE application_id = $1) AS documents,
              revision FROM applications WHERE id = $1`,
      [id],
    );
    expect({ documents, revision }).toEqual({ documents: 0, revision: 1 });

    // A cancelled lot takes nothing.
    await auth(t.http.post(`/lots/${lotId}/events`), buyer.staffToken)
      .send({ type: 'CANCEL', payload: { reason: 'Budget withdrawn' } })
      .expect(200);
    const cancelled = await auth(t.http.post(`/applications/${id}/submit`), ngo.token).expect(409);
    expect(cancelled.body).toMatchObject({ code: 'call-not-open', state: 'cancelled' });
    const mine = (await auth(t.http.get('/me/applications'), ngo.token).expect(200)).body.items;
    expect(mine).toContainEqual(
      expect.objectContaining({ id, outcome: 'cancelled', nextDate: null }),
    );
  });

  it('shows published lots to anyone, drafts to no one', async () => {
    const lotId = await openLot();
    const draftLot = await auth(t.http.post(`/programmes/${programmeId}/lots`), buyer.staffToken)
      .send({ number: '99.1', theme: 'Not yet published', territories: TERRITORIES })
      .expect(201);
    const list = await t.http
      .get('/public/lots')
      .query({ programme: programmeId, pageSize: 100 })
      .expect(200);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toContain(lotId);
    expect(ids).not.toContain(draftLot.body.id);
    await t.http.get(`/public/lots/${draftLot.body.id}`).expect(404);
    const view = await t.http.get(`/public/lots/${lotId}`).expect(200);
    expect(view.body).toMatchObject({
      id: lotId,
      stage: 'callForBids',
      buyerName: expect.any(String),
      programmeTitle: 'Соціальне замовлення 2026',
      submittedApplications: null,
      deadlines: [expect.objectContaining({ kind: 'callClose', dueAt: expect.any(String) })],
    });
    expect(view.body).not.toHaveProperty('allowedEvents');
    expect(view.headers['cache-control']).toMatch(/public/);
    await applyToLot(t, lotId);
    await applyToLot(t, lotId);
    await callClosesIn(lotId, -1);
    await fireCallDeadline(lotId);
    const closed = await t.http.get(`/public/lots/${lotId}`).expect(200);
    expect(closed.body).toMatchObject({ stage: 'evaluation', submittedApplications: 2 });
  });
});
