import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { walkToClosed } from '../fixtures/lot-walk.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

const CSV = readFileSync(new URL('../fixtures/plans/kg-2019-plan.csv', import.meta.url));
const XLSX = readFileSync(new URL('../fixtures/plans/kg-2019-plan.xlsx', import.meta.url));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The lots of seed 001 whose figures agree, with their maxima in tyiyn. */
const CONSISTENT_LOTS = 10;
const CONSISTENT_TOTAL = 2_852_400_000;

interface ImportBody {
  report: {
    importable: boolean;
    rows: { lotNumber: string; status: string; issues: { code: string }[] }[];
    partial: { lotNumbers: string[]; maxAmount: number };
  };
  created: { id: string; number: string; maxAmount: number }[];
}

describe('plan import of seed 001 (e2e)', () => {
  let t: TestApp;
  let buyer: TestBuyer;

  async function programme(): Promise<string> {
    const response = await t.http
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
    return response.body.id;
  }

  const upload = (programmeId: string, file: Buffer, type: string, query = '') =>
    t.http
      .post(`/programmes/${programmeId}/import${query}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .set('content-type', type)
      .send(file);

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await createBuyer(t, await t.login(t.adminEmail, ADMIN_PASSWORD));
  });
  afterAll(async () => t.close());

  it('imports nothing from the whole file, and reports its real inconsistencies', async () => {
    const id = await programme();
    const response = await upload(id, CSV, 'text/csv').expect(422);
    expect(response.body.code).toBe('plan-not-importable');
    const rows = (response.body as ImportBody).report.rows;
    const codes = (lot: string) =>
      rows.find((row) => row.lotNumber === lot)?.issues.map((i) => i.code);
    expect(codes('1.4')).toContain('stated_total_mismatch');
    expect(codes('1.7')).toContain('stated_total_mismatch');
    expect(codes('2.2')).toContain('stated_total_mismatch');
    expect(codes('2.1')).toContain('amount_unit_suspect');
    expect(
      rows
        .filter((row) => row.status === 'error')
        .map((row) => row.lotNumber)
        .sort(),
    ).toEqual(['1.4', '1.7', '2.1', '2.2']);
    const after = await t.http
      .get(`/programmes/${id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(after.body).toMatchObject({ lotCount: 0, allocated: 0 });
  });

  it('creates exactly the consistent lots with ?partial=true, with their amounts to the tyiyn', async () => {
    const id = await programme();
    const dryRun = await upload(id, CSV, 'text/csv', '?partial=true&dryRun=true').expect(200);
    expect((dryRun.body as ImportBody).created).toEqual([]);
    expect((dryRun.body as ImportBody).report.partial.lotNumbers).toHaveLength(CONSISTENT_LOTS);

    const response = await upload(id, CSV, 'text/csv', '?partial=true').expect(200);
    const { created } = response.body as ImportBody;
    expect(created.map((lot) => lot.number)).toEqual(
      (dryRun.body as ImportBody).report.partial.lotNumbers,
    );
    expect(created.find((lot) => lot.number === '1.1')?.maxAmount).toBe(847_570_000);
    const after = await t.http
      .get(`/programmes/${id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(after.body).toMatchObject({ lotCount: CONSISTENT_LOTS, allocated: CONSISTENT_TOTAL });

    const lot11 = created.find((lot) => lot.number === '1.1');
    const view = await t.http
      .get(`/lots/${lot11?.id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(view.body).toMatchObject({
      state: 'draft',
      currency: 'KGS',
      durationMonths: 12,
      eligibility: ['ngo'],
    });
    expect(view.body.territories).toHaveLength(7);
    expect(view.body.territories[0]).toMatchObject({
      name: expect.stringContaining('Ошская'),
      maxAmount: 133_300_000,
    });

    // Importing the same file again would duplicate lot numbers: refused, nothing half done.
    const again = await upload(id, CSV, 'text/csv', '?partial=true').expect(409);
    expect(again.body.code).toBe('lot-number-taken');
    const unchanged = await t.http
      .get(`/programmes/${id}`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .expect(200);
    expect(unchanged.body.lotCount).toBe(CONSISTENT_LOTS);

    // An imported lot goes through every stage.
    await walkToClosed(t, buyer, lot11?.id ?? '');
  });

  it('reads the XLSX fixture to the same report as the CSV', async () => {
    const id = await programme();
    const fromCsv = await upload(id, CSV, 'text/csv', '?partial=true&dryRun=true').expect(200);
    const fromXlsx = await upload(id, XLSX, XLSX_TYPE, '?partial=true&dryRun=true').expect(200);
    const digest = (body: ImportBody) =>
      body.report.rows.map((row) => [row.lotNumber, row.status, row.issues.map((i) => i.code)]);
    expect(digest(fromXlsx.body as ImportBody)).toEqual(digest(fromCsv.body as ImportBody));
    expect((fromXlsx.body as ImportBody).report.partial.maxAmount).toBe(CONSISTENT_TOTAL);
  });

  it('refuses a missing file, a JSON body and another buyer with clear 4xx', async () => {
    const id = await programme();
    const noFile = await t.http
      .post(`/programmes/${id}/import`)
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({ rows: [] })
      .expect(415);
    expect(noFile.body.code).toBe('plan-file-required');
    const garbage = await upload(id, Buffer.from('just,some\ntext,here\n'), 'text/csv').expect(422);
    expect(garbage.body.code).toBe('plan-not-importable');
    const other = await createBuyer(t, await t.login(t.adminEmail, ADMIN_PASSWORD), {
      name: 'Чужой',
    });
    await t.http
      .post(`/programmes/${id}/import`)
      .auth(other.staffToken, { type: 'bearer' })
      .set('content-type', 'text/csv')
      .send(CSV)
      .expect(403);
  });
});
