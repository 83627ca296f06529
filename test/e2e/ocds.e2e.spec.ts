import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { LotEngine, SYSTEM_ACTOR } from '../../src/lots/lot-engine.service.js';
import type { RecordPackage, ReleasePackage } from '../../src/ocds/packages.js';
import type { Release } from '../../src/ocds/ocds-types.js';
import { applyToLot, type TestNgo } from '../fixtures/applications.js';
import { openCall } from '../fixtures/calls.js';
import { admitAll, composeCommission, scoreAndClose } from '../fixtures/evaluation.js';
import {
  approveHearingProtocol,
  closeHearingRegistration,
  publishForHearing,
} from '../fixtures/hearings.js';
import { walkToClosed } from '../fixtures/lot-walk.js';
import {
  codelistProblems,
  recordPackageErrors,
  releasePackageErrors,
} from '../fixtures/ocds-validation.js';
import {
  createBuyer,
  createUaBuyer,
  createUaProgramme,
  type TestBuyer,
} from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

const BASE = 'https://soczakaz.example.org';
const CSV = readFileSync(new URL('../fixtures/plans/kg-2019-plan.csv', import.meta.url));

interface AgreementBody {
  id: string;
  awardId: string;
  ngoId: string;
  amount: number;
  indicatorTargets: { description: string; target: number }[];
  tranchePlan: { seq: number; amount: number }[];
}

/** Lot 1.1 of seed 001: 8,475.7 thousand som in tyiyn. */
const LOT_11_MAX = 847_570_000;

/**
 * OCDS publication: the releases a lot's transitions publish, served as release packages and
 * records. Every package any request here returns is validated against the official 1.1.5
 * schemas with the lots and bids extensions applied, and every codelist value against the
 * codelists (test/fixtures/ocds-validation.ts).
 */
describe('OCDS releases and records (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  const ocid = (lotId: string) => `ocds-soczak-${lotId}`;

  /** A release package by GET /ocds/releases, validated. */
  async function releases(query: Record<string, string | number>): Promise<ReleasePackage> {
    const response = await t.http.get('/ocds/releases').query(query);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    const body = response.body as ReleasePackage;
    if (body.releases.length > 0) expect(releasePackageErrors(body)).toEqual([]);
    for (const release of body.releases) expect(codelistProblems(release)).toEqual([]);
    return body;
  }

  /** Every release of a process (one page holds them all here), validated. */
  async function releasesOf(lotId: string): Promise<Release[]> {
    const body = await releases({ ocid: ocid(lotId), pageSize: 100 });
    expect(body.releases.length).toBeGreaterThan(0);
    return body.releases;
  }

  /** The record package by GET /ocds/records/{ocid}, validated. */
  async function recordOf(lotId: string): Promise<RecordPackage> {
    const response = await t.http.get(`/ocds/records/${ocid(lotId)}`);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
    const body = response.body as RecordPackage;
    expect(recordPackageErrors(body)).toEqual([]);
    const [record] = body.records;
    expect(codelistProblems(record.compiledRelease)).toEqual([]);
    for (const linked of record.releases) expect(codelistProblems({ tag: linked.tag })).toEqual([]);
    return body;
  }

  async function event(buyer: TestBuyer, lotId: string, type: string, payload?: object) {
    const response = await t.http
      .post(`/lots/${lotId}/events`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ type, payload });
    expect({ type, status: response.status }).toEqual({ type, status: 200 });
  }

  async function uaLot(buyer: TestBuyer, programmeId: string, number: string): Promise<string> {
    const lot = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        number,
        theme: 'Денний центр для людей похилого віку',
        territories: [{ name: 'Кропивницький', maxAmount: 100_000_000 }],
      })
      .expect(201);
    return lot.body.id as string;
  }

  /** A KG programme with the consistent lots of seed 001 imported: their ids by number. */
  async function importSeed001(buyer: TestBuyer) {
    const programme = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        title: 'План реализации программы ГСЗ на 2019 год',
        jurisdiction: 'KG',
        periodStart: '2019-01-01',
        periodEnd: '2019-12-31',
        currency: 'KGS',
        totalBudget: 5_000_000_000,
        profileId: 'kg-grant',
      })
      .expect(201);
    const imported = await t.http
      .post(`/programmes/${programme.body.id}/import?partial=true`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .set('content-type', 'text/csv')
      .send(CSV)
      .expect(200);
    const created = imported.body.created as { id: string; number: string }[];
    return {
      programmeId: programme.body.id as string,
      lots: Object.fromEntries(created.map((lot) => [lot.number, lot.id])),
    };
  }

  /** An open call with two applicants, evaluated and awarded to the first: award.contracting. */
  async function toContracting(buyer: TestBuyer, lotId: string): Promise<TestNgo[]> {
    await composeCommission(t, buyer, lotId);
    const applicants = [await applyToLot(t, lotId), await applyToLot(t, lotId)];
    const engine = t.app.get(LotEngine);
    await engine.apply(lotId, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);
    await scoreAndClose(t, buyer, lotId, await admitAll(t, buyer, lotId));
    const { lot } = await engine.apply(lotId, { type: 'STANDSTILL_ENDS' }, SYSTEM_ACTOR);
    expect(lot.state).toBe('award.contracting');
    return applicants;
  }

  /** The buyer drafts the agreement and both sides sign it (lot → reporting). */
  async function signAgreement(
    buyer: TestBuyer,
    lotId: string,
    applicants: TestNgo[],
    terms: Record<string, unknown>,
  ) {
    const drafted = await t.http
      .post(`/lots/${lotId}/agreement`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send(terms)
      .expect(201);
    const grantee = applicants.find((ngo) => ngo.id === drafted.body.ngoId) as TestNgo;
    await t.http
      .post(`/lots/${lotId}/agreement/sign`)
      .auth(grantee.token, { type: 'bearer' })
      .expect(200);
    const signed = await t.http
      .post(`/lots/${lotId}/agreement/sign`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(signed.body).toMatchObject({ status: 'signed', lotState: 'reporting' });
    return { agreement: drafted.body as AgreementBody, grantee };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: BASE } });
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
  });
  afterAll(async () => t.close());

  it('publishes a valid release at each stage of seed 001’s lot 1.1 and compiles its final state', async () => {
    const buyer = await createBuyer(t, adminToken);
    const { programmeId, lots } = await importSeed001(buyer);
    const lotId = lots['1.1'];

    // A draft is not public: nothing is published for it.
    await t.http.get(`/ocds/records/${ocid(lotId)}`).expect(404);

    await walkToClosed(t, buyer, lotId);

    const published = await releasesOf(lotId);
    const tags = published.map((release) => release.tag);
    expect(tags.slice(0, 6)).toEqual([
      ['planning'],
      ['tender'],
      ['tenderUpdate'],
      ['tenderUpdate'],
      ['award'],
      ['awardUpdate'],
    ]);
    expect(tags.slice(-2)).toEqual([['contract'], ['contractTermination']]);
    expect(published.map((release) => release.id)).toEqual(
      published.map((_, index) => `${ocid(lotId)}-${index + 1}`),
    );
    const dates = published.map((release) => Date.parse(release.date));
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    expect(published.map((release) => release.tender.status)).toEqual([
      'planning',
      'active',
      'active',
      'active',
      'active',
      ...published.slice(5).map(() => 'complete'),
    ]);

    // Before the call closed nothing about applications; afterwards counts and who applied,
    // and which bids are valid once the admissibility check is done.
    const [planning, tender, callClosed, admitted, award] = published;
    expect(planning.planning).toMatchObject({
      budget: {
        amount: { amount: LOT_11_MAX / 100, currency: 'KGS' },
        projectID: programmeId,
      },
      milestones: [{ type: 'engagement', status: 'scheduled' }],
    });
    expect(planning.planning.milestones?.[0].documents?.[0]).toMatchObject({
      documentType: 'hearingNotice',
      url: `${BASE}/public/lots/${lotId}/hearing`,
    });
    expect(planning).not.toHaveProperty('bids');
    expect(tender).not.toHaveProperty('bids');
    expect(tender.tender).toMatchObject({
      status: 'active',
      awardCriteria: 'ratedCriteria',
      tenderPeriod: { startDate: expect.any(String), endDate: expect.any(String) },
      enquiryPeriod: { startDate: expect.any(String), endDate: expect.any(String) },
      lots: [{ id: lotId, status: 'active', value: { amount: 8_475_700, currency: 'KGS' } }],
    });
    expect(tender.planning.milestones?.[0].status).toBe('met');
    expect(callClosed.bids?.statistics).toEqual([
      { id: 'bids', measure: 'bids', value: 1, relatedLot: lotId },
    ]);
    expect(callClosed.bids?.details.map((bid) => bid.status)).toEqual(['pending']);
    expect(admitted.bids?.details.map((bid) => bid.status)).toEqual(['valid']);
    expect(admitted.tender.milestones?.map((m) => [m.id, m.status])).toEqual([
      ['admissibility', 'met'],
      ['evaluation-round-1', 'scheduled'],
    ]);
    expect(award.awards?.map((a) => a.status)).toEqual(['pending']);
    expect(award.tender.milestones?.find((m) => m.id === 'evaluation-round-1')).toMatchObject({
      type: 'assessment',
      status: 'met',
      documents: [{ documentType: 'evaluationReports' }],
    });

    const { records, packages, uri } = await recordOf(lotId);
    expect(uri).toBe(`${BASE}/ocds/records/${ocid(lotId)}`);
    expect(packages).toEqual([`${BASE}/ocds/releases?ocid=${ocid(lotId)}&page=1&pageSize=100`]);
    const [record] = records;
    expect(record.releases.map((linked) => linked.url)).toEqual(
      published.map((release) => `${packages[0]}#${release.id}`),
    );
    expect(record.releases.map((linked) => linked.tag)).toEqual(tags);
    const compiled = record.compiledRelease as unknown as Release;
    const closedAt = published.at(-1)?.date;
    expect(compiled).toMatchObject({
      ocid: ocid(lotId),
      id: `${ocid(lotId)}-${closedAt}`,
      date: closedAt,
      tag: ['compiled'],
      planning: { milestones: [{ type: 'engagement', status: 'met' }] },
      tender: { status: 'complete', lots: [{ id: lotId, status: 'complete' }] },
      bids: {
        statistics: [
          { measure: 'bids', value: 1 },
          { measure: 'validBids', value: 1 },
          { measure: 'disqualifiedBidders', value: 0 },
        ],
      },
      awards: [{ status: 'active', relatedLots: [lotId] }],
    });
    expect(compiled.tender.milestones?.map((m) => [m.id, m.status])).toEqual([
      ['admissibility', 'met'],
      ['evaluation-round-1', 'met'],
    ]);
    expect(compiled.bids?.details.map((bid) => bid.status)).toEqual(['valid']);
    const [winner] = compiled.awards ?? [];
    expect(compiled.parties.find((party) => party.id === winner.suppliers[0].id)?.roles).toEqual(
      expect.arrayContaining(['supplier', 'tenderer']),
    );
    expect(compiled.parties.find((party) => party.id === compiled.buyer.id)?.roles).toEqual(
      expect.arrayContaining(['buyer', 'procuringEntity']),
    );
    const [{ present }] = await t.database.query<{ present: boolean }>(
      `SELECT to_regclass('agreements') IS NOT NULL AS present`,
    );
    const agreements = present
      ? await t.database.query<{ id: string }>(`SELECT id FROM agreements WHERE lot_id = $1`, [
          lotId,
        ])
      : [];
    // The agreement, when the walk signs one through the reporting module, ends terminated.
    expect(compiled.contracts?.map((contract) => [contract.id, contract.status]) ?? []).toEqual(
      agreements.map((agreement) => [agreement.id, 'terminated']),
    );

    // Releases are immutable: the table refuses to change or lose one.
    await expect(
      t.database.query(`UPDATE ocds_releases SET tag = '{tender}' WHERE lot_id = $1`, [lotId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.database.query(`DELETE FROM ocds_releases WHERE lot_id = $1`, [lotId]),
    ).rejects.toThrow(/append-only/);
  });

  it('links a re-announced lot to the unsuccessful one, and publishes amendments and cancellations', async () => {
    const buyer = await createUaBuyer(t, adminToken);
    const programmeId = await createUaProgramme(t, buyer);
    const failedId = await uaLot(buyer, programmeId, '7.2');
    await openCall(t, buyer, failedId, { callPeriodDays: 30 });
    const amended = await t.http
      .post(`/lots/${failedId}/call/amendments`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ extendByDays: 2, note: 'Уточнено опис послуги', changes: { description: 'Опис' } });
    expect(amended.status).toBe(201);
    // One application; the UA profile needs two: the call closes unsuccessful.
    await applyToLot(t, failedId);
    await t.app.get(LotEngine).apply(failedId, { type: 'CALL_DEADLINE' }, SYSTEM_ACTOR);

    const failed = await releasesOf(failedId);
    expect(failed.map((release) => release.tag)).toEqual([
      ['tender'],
      ['tenderAmendment'],
      ['tenderUpdate'],
    ]);
    expect(failed[0].language).toBe('uk');
    expect(failed[1].tender.amendments).toEqual([
      expect.objectContaining({
        id: 'amendment-2',
        rationale: 'Уточнено опис послуги',
        description: expect.stringContaining('description'),
      }),
    ]);
    expect(failed[2].tender).toMatchObject({ status: 'unsuccessful', numberOfTenderers: 1 });
    expect(failed[2].tender.lots[0].status).toBe('unsuccessful');
    expect(failed[2].bids?.statistics).toEqual([
      { id: 'bids', measure: 'bids', value: 1, relatedLot: failedId },
    ]);

    const reannounced = await t.http
      .post(`/lots/${failedId}/reannounce`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(201);
    const nextId = reannounced.body.id as string;
    await openCall(t, buyer, nextId, { callPeriodDays: 30 });
    const [opened] = await releasesOf(nextId);
    expect(opened.relatedProcesses).toEqual([
      {
        id: 'unsuccessful-process',
        relationship: ['unsuccessfulProcess'],
        title: '7.2. Денний центр для людей похилого віку',
        scheme: 'ocid',
        identifier: ocid(failedId),
        uri: `${BASE}/ocds/records/${ocid(failedId)}`,
      },
    ]);

    await event(buyer, nextId, 'CANCEL', { reason: 'Фінансування скорочено' });
    const cancelled = (await releasesOf(nextId)).at(-1);
    expect(cancelled?.tag).toEqual(['tenderCancellation']);
    expect(cancelled?.tender.status).toBe('cancelled');
    expect(cancelled?.tender.documents?.find((d) => d.id === 'cancellation')).toMatchObject({
      documentType: 'cancellationDetails',
      description: 'Фінансування скорочено',
    });
    const record = await recordOf(nextId);
    expect(record.records[0].compiledRelease).toMatchObject({
      tender: { status: 'cancelled' },
      relatedProcesses: [{ identifier: ocid(failedId) }],
    });
    const failedRecord = await recordOf(failedId);
    expect(failedRecord.records[0].compiledRelease).toMatchObject({
      tender: { status: 'unsuccessful', amendments: [{ id: 'amendment-2' }] },
    });

    // A draft cancelled before anything was published stays unpublished.
    const draftId = await uaLot(buyer, programmeId, '7.3');
    await event(buyer, draftId, 'CANCEL', { reason: 'Лот помилково створено' });
    const none = await t.http
      .get('/ocds/releases')
      .query({ ocid: ocid(draftId) })
      .expect(404);
    expect(none.body).toMatchObject({ code: 'ocid-not-found' });
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('walks seed 001’s lot 1.2 from draft to closure through every endpoint, its contract and implementation published', async () => {
    const buyer = await createBuyer(t, adminToken);
    const lotId = (await importSeed001(buyer)).lots['1.2'];
    await publishForHearing(t, buyer, lotId);
    await closeHearingRegistration(t, lotId);
    await approveHearingProtocol(t, buyer, lotId, 'openCall');
    await openCall(t, buyer, lotId, { callPeriodDays: 30 });
    const applicants = await toContracting(buyer, lotId);
    const { agreement, grantee } = await signAgreement(buyer, lotId, applicants, {
      periodStart: '2019-07-01',
      periodEnd: '2019-12-31',
      reporting: { interimEveryMonths: 3, dueDaysAfterPeriod: 15 },
      tranchePlan: [
        { share: 50, due: 'onSigning' },
        { share: 50, due: 'afterReport', reportSeq: 1 },
      ],
    });
    const signed = (await releasesOf(lotId)).at(-1) as Release;
    expect(signed.tag).toEqual(['contract']);
    expect(signed.contracts).toEqual([
      {
        id: agreement.id,
        awardID: agreement.awardId,
        status: 'active',
        // The agreement's days in Bishkek: from the first moment of 1 July to the last of 31 December.
        period: { startDate: '2019-06-30T18:00:00.000Z', endDate: '2019-12-31T17:59:59.999Z' },
        value: { amount: agreement.amount / 100, currency: 'KGS' },
        dateSigned: expect.any(String),
        implementation: {
          milestones: [
            expect.objectContaining({
              type: 'reporting',
              code: 'interimReport',
              status: 'scheduled',
            }),
            expect.objectContaining({
              type: 'reporting',
              code: 'finalReport',
              status: 'scheduled',
            }),
          ],
        },
      },
    ]);

    const bearer = { type: 'bearer' as const };
    const pay = (seq: number, reportSeq?: number) =>
      t.http
        .post(`/lots/${lotId}/tranches`)
        .auth(buyer.staffToken, bearer)
        .send({ seq, amount: agreement.tranchePlan[seq - 1].amount, reportSeq })
        .expect(201);
    const report = async (seq: number) => {
      await t.http
        .put(`/lots/${lotId}/reports/${seq}`)
        .auth(grantee.token, bearer)
        .send({
          narrative: `Period ${seq}: the service ran as agreed.`,
          financialLines: [{ budgetItem: 'Rent', planned: agreement.amount, spent: seq }],
          indicatorActuals: agreement.indicatorTargets.map((target) => ({
            description: target.description,
            actual: target.target,
          })),
        })
        .expect(200);
      await t.http
        .post(`/lots/${lotId}/reports/${seq}/submit`)
        .auth(grantee.token, bearer)
        .expect(200);
      return t.http
        .post(`/lots/${lotId}/reports/${seq}/review`)
        .auth(buyer.staffToken, bearer)
        .send({ decision: 'accept' })
        .expect(200);
    };
    await pay(1);
    await report(1);

    // A change that is no transition (a tranche paid, a report accepted) publishes its own release.
    const implementation = (await releasesOf(lotId)).at(-1) as Release;
    expect(implementation.tag).toEqual(['implementation']);
    expect(implementation.contracts?.[0].implementation).toMatchObject({
      milestones: [
        { code: 'interimReport', status: 'met' },
        { code: 'finalReport', status: 'scheduled' },
        { type: 'payment', code: 'tranche', status: 'met' },
      ],
      transactions: [{ value: { amount: agreement.tranchePlan[0].amount / 100, currency: 'KGS' } }],
    });

    await pay(2, 1);
    const closed = await report(2);
    expect(closed.body.lotState).toBe('closed');

    const all = await releasesOf(lotId);
    expect(all.map((release) => release.tag[0])).toEqual([
      'planning',
      'tender',
      'tenderUpdate',
      'tenderUpdate',
      'award',
      'awardUpdate',
      'contract',
      // Tranche 1 paid, report 1 accepted, tranche 2 paid.
      'implementation',
      'implementation',
      'implementation',
      'contractTermination',
    ]);
    const { records } = await recordOf(lotId);
    const compiled = records[0].compiledRelease as unknown as Release;
    expect(compiled).toMatchObject({
      planning: { milestones: [{ type: 'engagement', status: 'met' }] },
      tender: {
        status: 'complete',
        lots: [{ id: lotId, status: 'complete' }],
        milestones: [
          { id: 'admissibility', status: 'met' },
          { id: 'evaluation-round-1', status: 'met' },
        ],
      },
      bids: { statistics: [{ measure: 'bids', value: 2 }, { measure: 'validBids', value: 2 }, {}] },
    });
    expect(compiled.awards?.map((award) => award.status)).toEqual(['active']);
    const [contract] = compiled.contracts ?? [];
    expect(contract).toMatchObject({ id: agreement.id, status: 'terminated' });
    expect(contract.implementation?.milestones?.map((m) => [m.code, m.status])).toEqual([
      ['interimReport', 'met'],
      ['finalReport', 'met'],
      ['tranche', 'met'],
      ['tranche', 'met'],
    ]);
    expect(contract.implementation?.transactions?.map((tx) => [tx.payer.id, tx.payee.id])).toEqual([
      [compiled.buyer.id, grantee.id],
      [compiled.buyer.id, grantee.id],
    ]);
    const [act] = await t.database.query<{ actHash: string }>(
      `SELECT act_hash AS "actHash" FROM closure_acts WHERE lot_id = $1`,
      [lotId],
    );
    expect(contract.implementation?.documents).toEqual([
      expect.objectContaining({
        documentType: 'completionCertificate',
        description: `Closure act sha-256 ${act.actHash}`,
      }),
    ]);
    expect(compiled.parties.find((party) => party.id === grantee.id)?.roles).toEqual([
      'supplier',
      'tenderer',
      'payee',
    ]);
    expect(compiled.parties.find((party) => party.id === compiled.buyer.id)?.roles).toEqual([
      'buyer',
      'procuringEntity',
      'payer',
    ]);
  });

  it('publishes a terminated agreement with its reason', async () => {
    const buyer = await createUaBuyer(t, adminToken);
    const programmeId = await createUaProgramme(t, buyer);
    const lotId = await uaLot(buyer, programmeId, '9.2');
    await openCall(t, buyer, lotId);
    const applicants = await toContracting(buyer, lotId);
    const { agreement } = await signAgreement(buyer, lotId, applicants, {
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      reporting: { interimEveryMonths: 6, dueDaysAfterPeriod: 10 },
    });
    await t.http
      .post(`/lots/${lotId}/agreement/terminate`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ reason: 'Надавача послуг ліквідовано' })
      .expect(200);
    const terminated = (await releasesOf(lotId)).at(-1) as Release;
    expect(terminated.tag).toEqual(['contractTermination']);
    expect(terminated.contracts?.[0]).toMatchObject({
      id: agreement.id,
      status: 'terminated',
      implementation: {
        documents: [
          {
            id: 'termination',
            documentType: 'cancellationDetails',
            description: 'Надавача послуг ліквідовано',
          },
        ],
      },
    });
    expect(
      terminated.contracts?.[0].implementation?.milestones?.map((milestone) => milestone.status),
    ).toEqual(['notMet', 'notMet']);
    await recordOf(lotId);
  });

  it('pages and filters release packages, and answers If-None-Match with 304', async () => {
    const everything = await releases({ pageSize: 100 });
    const total = everything.releases.length;
    expect(total).toBeGreaterThan(4);
    expect(everything).toMatchObject({
      version: '1.1',
      publisher: { name: 'Soczakaz', uri: BASE },
      extensions: [
        expect.stringContaining('ocds_lots_extension'),
        expect.stringContaining('ocds_bid_extension'),
      ],
      publishedDate: everything.releases.at(-1)?.date,
    });
    expect(everything).not.toHaveProperty('links');

    const first = await releases({ page: 1, pageSize: 2 });
    expect(first.uri).toBe(`${BASE}/ocds/releases?page=1&pageSize=2`);
    expect(first.links).toEqual({ next: `${BASE}/ocds/releases?page=2&pageSize=2` });
    const second = await releases({ page: 2, pageSize: 2 });
    expect(second.links).toEqual({
      next: `${BASE}/ocds/releases?page=3&pageSize=2`,
      prev: `${BASE}/ocds/releases?page=1&pageSize=2`,
    });
    expect([...first.releases, ...second.releases]).toEqual(everything.releases.slice(0, 4));
    const beyond = await releases({ page: 100, pageSize: 100 });
    expect(beyond.releases).toEqual([]);

    const middle = everything.releases[2].date;
    const since = await releases({ since: middle, pageSize: 100 });
    const until = await releases({ until: middle, pageSize: 100 });
    expect(since.releases.length + until.releases.length).toBe(total);
    expect(since.releases.every((release) => release.date >= middle)).toBe(true);
    expect(until.releases.every((release) => release.date < middle)).toBe(true);

    const response = await t.http.get('/ocds/releases').query({ pageSize: 100 }).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const etag = response.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    await t.http
      .get('/ocds/releases')
      .query({ pageSize: 100 })
      .set('If-None-Match', etag)
      .expect(304);
    const record = await t.http.get(`/ocds/records/${everything.releases[0].ocid}`).expect(200);
    await t.http
      .get(`/ocds/records/${everything.releases[0].ocid}`)
      .set('If-None-Match', record.headers.etag as string)
      .expect(304);
  });

  it('refuses bad queries with problem+json and knows no unpublished ocid', async () => {
    for (const query of [
      { since: 'yesterday' },
      { until: '2026-13-45' },
      { pageSize: 1000 },
      { page: 0 },
      { extra: 1 },
    ]) {
      const response = await t.http.get('/ocds/releases').query(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({
        query,
        status: 400,
        code: 'validation-failed',
      });
    }
    const unknown = await t.http.get('/ocds/records/ocds-soczak-nothing').expect(404);
    expect(unknown.body).toMatchObject({ code: 'ocid-not-found', ocid: 'ocds-soczak-nothing' });
  });
});
