import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  importPlan,
  interpretPlanRows,
  parsePlanCsv,
  parsePlanXlsx,
  selectLotsToCreate,
  type PlanImportOptions,
  type PlanImportReport,
  type PlanImportRow,
} from '../../../src/programmes/plan-import/index.js';

/**
 * Seed 001: the Kyrgyz Ministry of Labour plan of the 2019 state social order programme, as a
 * clerk's CSV and XLSX export. Every figure below is typed from the seed (thousands of som × 100
 * 000 = tyiyn), not computed by the code under test.
 */
const fixture = (name: string) => readFileSync(`test/fixtures/plans/${name}`);
const options: PlanImportOptions = { currency: 'KGS', unit: 'thousands' };
const csvReport = (): PlanImportReport =>
  interpretPlanRows(parsePlanCsv(fixture('kg-2019-plan.csv')), options);

const SECTION_1 =
  '1. Создание услуг для семей и детей в трудной жизненной ситуации, лицам с ограниченными возможностями здоровья и пожилым гражданам';
const SECTION_2 =
  '2. Поддержка центров предоставляющих услуги семьям и детям в трудной жизненной ситуации, лицам с ограниченными возможностями здоровья, пожилым гражданам и лицам, пострадавшим от семейного насилия';

type Territories = [name: string, code: string, maxAmount: number][];
interface ExpectedLot {
  row: number;
  section: string;
  territories: Territories;
  maxAmount: number;
  stated: number;
  months: number;
  upTo: boolean;
  status: PlanImportRow['status'];
}

const EXPECTED: Record<string, ExpectedLot> = {
  '1.1': {
    row: 3,
    section: SECTION_1,
    territories: [
      ['Ошская обл.', 'KG-O', 133_300_000],
      ['Джалал-Абад. обл.', 'KG-J', 133_690_000],
      ['Баткенская обл.', 'KG-B', 120_420_000],
      ['Таласская обл.', 'KG-T', 112_300_000],
      ['Иссык-Кул. обл.', 'KG-Y', 110_750_000],
      ['Чуйская обл.', 'KG-C', 117_960_000],
      ['Нарынская обл.', 'KG-N', 119_150_000],
    ],
    maxAmount: 847_570_000,
    stated: 847_570_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '1.2': {
    row: 4,
    section: SECTION_1,
    territories: [
      ['г. Бишкек', 'KG-GB', 36_200_000],
      ['г. Ош', 'KG-GO', 38_510_000],
    ],
    maxAmount: 74_710_000,
    stated: 74_710_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '1.3': {
    row: 5,
    section: SECTION_1,
    territories: [
      ['Чуйская обл.', 'KG-C', 42_460_000],
      ['Иссык-Кульская обл.', 'KG-Y', 39_880_000],
      ['Нарынская обл.', 'KG-N', 36_710_000],
      ['Ошская обл.', 'KG-O', 47_980_000],
      ['Баткенская обл.', 'KG-B', 43_350_000],
      ['Джалал-Абадская обл.', 'KG-J', 40_100_000],
      ['Таласская обл.', 'KG-T', 34_470_000],
      ['г. Бишкек', 'KG-GB', 36_200_000],
      ['г. Ош', 'KG-GO', 38_510_000],
    ],
    maxAmount: 359_660_000,
    stated: 359_660_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '1.4': {
    row: 6,
    section: SECTION_1,
    territories: [
      ['Чуйская обл.', 'KG-C', 42_460_000],
      ['Иссык-Кульская обл.', 'KG-Y', 39_880_000],
      ['Баткенская обл.', 'KG-B', 43_350_000],
    ],
    maxAmount: 125_690_000,
    stated: 125_700_000,
    months: 12,
    upTo: false,
    status: 'error',
  },
  '1.5': {
    row: 7,
    section: SECTION_1,
    territories: [
      ['Баткенская обл.', 'KG-B', 41_140_000],
      ['Джалал-Абадская обл', 'KG-J', 46_540_000],
      ['Иссык-Кульская обл.', 'KG-Y', 39_400_000],
      ['Нарынская обл.', 'KG-N', 42_430_000],
      ['Ошская обл.', 'KG-O', 46_100_000],
    ],
    maxAmount: 215_610_000,
    stated: 215_610_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '1.6': {
    row: 8,
    section: SECTION_1,
    territories: [
      ['Джалал-Абадская обл', 'KG-J', 77_570_000],
      ['Чуйская обл.', 'KG-C', 70_490_000],
    ],
    maxAmount: 148_060_000,
    stated: 148_060_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '1.7': {
    row: 9,
    section: SECTION_1,
    territories: [
      ['Баткенская обл.', 'KG-B', 96_290_000],
      ['Джалал-Абадская обл', 'KG-J', 109_720_000],
      ['Нарынская обл.', 'KG-N', 125_920_000],
      ['Ошская обл.', 'KG-O', 134_390_000],
      ['Таласская обл.', 'KG-T', 117_980_000],
    ],
    maxAmount: 584_300_000,
    stated: 693_120_000,
    months: 12,
    upTo: true,
    status: 'error',
  },
  '2.1': {
    row: 11,
    section: SECTION_2,
    // Issyk-Kul and Batken are given per district with a subtotal for 2 districts: the
    // oblast's maximum is the subtotal as written.
    territories: [
      ['Иссык-Кул. обл.', 'KG-Y', 88_600_000],
      ['Джалал-Абад. обл.', 'KG-J', 53_470_000],
      ['Таласская обл.', 'KG-T', 44_910_000],
      ['Нарынская обл.', 'KG-N', 47_660_000],
      ['Баткенская обл.', 'KG-B', 96_320_000],
    ],
    maxAmount: 330_960_000,
    stated: 330_960_000,
    months: 12,
    upTo: false,
    status: 'error',
  },
  '2.2': {
    row: 12,
    section: SECTION_2,
    territories: [
      ['Баткенская обл.', 'KG-B', 54_860_000],
      ['Джалал-Абадская обл', 'KG-J', 62_060_000],
      ['Иссык-Кульская обл.', 'KG-Y', 52_520_000],
      ['Нарынская обл.', 'KG-N', 56_570_000],
      ['Ошская обл.', 'KG-O', 61_470_000],
      ['Таласская обл.', 'KG-T', 53_140_000],
      ['Чуйская обл.', 'KG-C', 56_390_000],
      ['г. Ош', 'KG-GO', 57_020_000],
      ['г. Бишкек', 'KG-GB', 60_680_000],
    ],
    maxAmount: 514_710_000,
    stated: 514_730_000,
    months: 12,
    upTo: true,
    status: 'error',
  },
  '2.3': {
    row: 13,
    section: SECTION_2,
    territories: [
      ['г. Бишкек', 'KG-GB', 47_710_000],
      ['Чуйская обл.', 'KG-C', 46_700_000],
      ['Иссык-Кул обл.', 'KG-Y', 42_980_000],
      ['Баткенская обл.', 'KG-B', 45_040_000],
      ['Таласская обл.', 'KG-T', 44_160_000],
      ['Нарынская обл.', 'KG-N', 46_460_000],
      ['Джалал-Абад. обл.', 'KG-J', 49_900_000],
      ['Ошская обл.', 'KG-O', 47_740_000],
    ],
    maxAmount: 370_690_000,
    stated: 370_690_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '2.4': {
    row: 14,
    section: SECTION_2,
    territories: [
      ['Баткенская обл.', 'KG-B', 60_180_000],
      ['Джалал-Абадская обл', 'KG-J', 68_570_000],
      ['Иссык-Кульская обл.', 'KG-Y', 58_910_000],
      ['Нарынская обл.', 'KG-N', 78_700_000],
      ['Ошская обл.', 'KG-O', 83_990_000],
      ['Таласская обл.', 'KG-T', 73_740_000],
      ['Чуйская обл.', 'KG-C', 77_450_000],
    ],
    maxAmount: 501_540_000,
    stated: 501_540_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
  '2.5': {
    row: 15,
    section: SECTION_2,
    territories: [
      ['Ошская обл.', 'KG-O', 30_800_000],
      ['Чуйская обл.', 'KG-C', 28_390_000],
      ['г. Бишкек', 'KG-GB', 24_940_000],
    ],
    maxAmount: 84_130_000,
    stated: 84_130_000,
    months: 6,
    upTo: true,
    status: 'ok',
  },
  '2.6': {
    row: 16,
    section: SECTION_2,
    territories: [
      ['Баткенская обл.', 'KG-B', 10_030_000],
      ['Таласская обл.', 'KG-T', 12_290_000],
      ['Чуйская обл.', 'KG-C', 12_910_000],
    ],
    maxAmount: 35_230_000,
    stated: 35_230_000,
    months: 6,
    upTo: true,
    status: 'ok',
  },
  '2.7': {
    row: 17,
    section: SECTION_2,
    // The seed's own spellings: no "обл." on most, and "Джала-Абадская".
    territories: [
      ['Чуйская', 'KG-C', 30_740_000],
      ['Таласская', 'KG-T', 30_740_000],
      ['Нарынская', 'KG-N', 30_740_000],
      ['Иссык-Кульская', 'KG-Y', 30_740_000],
      ['Баткенская', 'KG-B', 30_740_000],
      ['Ошская', 'KG-O', 30_740_000],
      ['Джала-Абадская обл.', 'KG-J', 30_760_000],
    ],
    maxAmount: 215_200_000,
    stated: 215_200_000,
    months: 12,
    upTo: false,
    status: 'ok',
  },
};

const rowOf = (report: PlanImportReport, lotNumber: string): PlanImportRow => {
  const row = report.rows.find((candidate) => candidate.lotNumber === lotNumber);
  if (!row) throw new Error(`no row for lot ${lotNumber}`);
  return row;
};

describe('seed 001 plan (kg-2019-plan.csv)', () => {
  const report = csvReport();

  it('finds the header, both section headings and all 14 lots in order', () => {
    expect(report.headerRowNumber).toBe(1);
    expect(report.issues).toEqual([]);
    expect(report.sections).toEqual([
      { rowNumber: 2, number: '1', title: SECTION_1 },
      { rowNumber: 10, number: '2', title: SECTION_2 },
    ]);
    expect(report.rows.map((row) => row.lotNumber)).toEqual(Object.keys(EXPECTED));
  });

  it.each(Object.entries(EXPECTED))(
    'lot %s: territories and amounts in exact minor units',
    (number, expected) => {
      const row = rowOf(report, number);
      expect(row.rowNumber).toBe(expected.row);
      expect(row.status).toBe(expected.status);
      const lot = row.lot;
      expect(lot).toBeDefined();
      if (!lot) return;
      expect(lot.number).toBe(number);
      expect(lot.section).toBe(expected.section);
      expect(lot.currency).toBe('KGS');
      expect(
        lot.territories.map((territory) => [territory.name, territory.code, territory.maxAmount]),
      ).toEqual(expected.territories);
      expect(lot.maxAmount).toBe(expected.maxAmount);
      expect(lot.maxAmount).toBe(
        expected.territories.reduce((sum, [, , amount]) => sum + amount, 0),
      );
      expect(lot.statedTotal?.minor).toBe(expected.stated);
      expect(lot.durationMonths).toBe(expected.months);
      expect(lot.duration?.upTo).toBe(expected.upTo);
      expect(lot.eligibility).toEqual(['ngo']);
      expect(lot.executors).toBe('НКО');
      for (const territory of lot.territories) {
        expect(Number.isSafeInteger(territory.maxAmount)).toBe(true);
      }
    },
  );

  it('lot 1.1 totals 8,475.7 thousand som = 847,570,000 tyiyn, as stated', () => {
    const lot = rowOf(report, '1.1').lot;
    expect(lot?.statedTotal).toEqual({
      raw: '8475,7 тыс. сом',
      value: '8475.7',
      unit: 'thousands',
      unitSource: 'written',
      minor: 847_570_000,
    });
    expect(lot?.maxAmount).toBe(847_570_000);
    expect(lot?.territories[0].amount).toEqual({
      raw: '1 333,0 тыс. сом',
      value: '1333.0',
      unit: 'thousands',
      unitSource: 'written',
      minor: 133_300_000,
    });
    // "1 336,9;" has no unit: it is read in the unit the cell writes elsewhere, and says so.
    expect(lot?.territories[1].amount).toMatchObject({
      raw: '1 336,9',
      unitSource: 'cell',
      minor: 133_690_000,
    });
    // "1 204,2" is written with a no-break space.
    expect(lot?.territories[2].amount).toMatchObject({ value: '1204.2', minor: 120_420_000 });
  });

  it('keeps the texts as written, whitespace tidied', () => {
    const lot = rowOf(report, '1.1').lot;
    expect(lot?.theme).toBe(
      'Центр по предоставлению услуг семьям с детьми, находящимся в трудной жизненной ситуации (ТЖС)',
    );
    expect(lot?.recipients).toBe('Семьи и дети, находящиеся в ТЖС');
    expect(lot?.territoryText).toBe('7 областей республики');
    expect(lot?.tasks?.split('\n')).toHaveLength(4);
    expect(lot?.amountText).toContain('(Всего-8475,7 тыс. сом)');
    // The seed's typos stay.
    expect(rowOf(report, '1.6').lot?.theme).toBe(
      'Создание реабилитационных центров лицам освобождивщихся из мест заключении в рамках реализации Закона «О пробации»',
    );
    expect(rowOf(report, '2.5').lot?.tasks).toBe(
      'Устранение дискриминации пожилых граждан по возростному прзнаку',
    );
  });

  it('extracts the indicator targets the plan states plainly', () => {
    const targets = Object.fromEntries(
      report.rows.map((row) => [
        row.lotNumber,
        row.lot?.indicatorTargets.map((target) => [
          target.target,
          target.unit,
          target.perTerritory,
          target.field,
        ]),
      ]),
    );
    expect(targets).toEqual({
      '1.1': [[25, 'детям', false, 'tasks']],
      '1.2': [[25, 'детей', false, 'tasks']],
      '1.3': [
        [25, 'детей', false, 'tasks'],
        [20, 'работающим детям', false, 'tasks'],
      ],
      '1.4': [[30, 'выпускникам', false, 'tasks']],
      // "15-20 человек" is a range, not an obvious target.
      '1.5': [],
      '1.6': [],
      '1.7': [[20, 'пожилым гражданам', false, 'tasks']],
      '2.1': [[20, 'детям', false, 'tasks']],
      '2.2': [[120, 'ЛОВЗ', false, 'goals']],
      // "30 ти ЛОВЗ" in the expected result is the same 30 as in the goals.
      '2.3': [[30, 'ЛОВЗ', false, 'goals']],
      '2.4': [[25, 'пожилых граждан', false, 'goals']],
      '2.5': [[55, 'пожилых граждан', true, 'goals']],
      '2.6': [[25, 'пожилых граждан', true, 'goals']],
      '2.7': [[84, 'человека', true, 'goals']],
    });
    expect(rowOf(report, '1.1').lot?.indicatorTargets[0].description).toBe(
      'предоставление услуг временного пребывания 25 детям, находящимся в ТЖС.',
    );
  });
});

describe('the inconsistencies seed 001 really contains', () => {
  const report = csvReport();
  const codes = (lotNumber: string) => rowOf(report, lotNumber).issues.map((issue) => issue.code);

  it('reports exactly these, on these lots, and nothing on the ten consistent ones', () => {
    const found = Object.fromEntries(
      report.rows.map((row) => [row.lotNumber, row.issues.map((issue) => issue.code)]),
    );
    expect(found).toEqual({
      '1.1': [],
      '1.2': [],
      '1.3': [],
      '1.4': ['stated_total_mismatch', 'territory_without_amount'],
      '1.5': [],
      '1.6': [],
      '1.7': ['stated_total_mismatch'],
      '2.1': ['amount_unit_suspect', 'district_subtotal_mismatch'],
      '2.2': ['stated_total_mismatch'],
      '2.3': [],
      '2.4': [],
      '2.5': [],
      '2.6': [],
      '2.7': [],
    });
    expect(report.summary.issuesByCode).toEqual({
      stated_total_mismatch: 3,
      territory_without_amount: 1,
      amount_unit_suspect: 1,
      district_subtotal_mismatch: 1,
    });
  });

  it('2.1: "481 692" is in som among thousands; both readings are given, neither is chosen', () => {
    const issue = rowOf(report, '2.1').issues.find(
      (candidate) => candidate.code === 'amount_unit_suspect',
    );
    expect(issue).toMatchObject({
      severity: 'error',
      field: 'maxAmount',
      rowNumber: 11,
      lotNumber: '2.1',
      territory: 'Баткенская обл.',
      raw: '481 692',
      actual: 48_169_200_000,
      interpretations: [
        { unit: 'thousands', asWritten: true, minor: 48_169_200_000 },
        { unit: 'units', asWritten: false, minor: 48_169_200 },
      ],
    });
    expect(issue?.message).toContain('Neither reading is chosen');
    // The figure is kept as written, not converted.
    const batken = rowOf(report, '2.1').lot?.territories.find(
      (territory) => territory.code === 'KG-B',
    );
    expect(batken?.amount).toMatchObject({
      raw: '481 692',
      value: '481692',
      unit: 'thousands',
      minor: 48_169_200_000,
    });
    expect(batken?.districts).toMatchObject({
      count: 2,
      subtotal: { raw: '963,2 тыс. сом', minor: 96_320_000 },
    });
  });

  it('2.1: 2 × 481 692 does not give the stated 963,2 even read as som (184 som off)', () => {
    const issue = rowOf(report, '2.1').issues.find(
      (candidate) => candidate.code === 'district_subtotal_mismatch',
    );
    expect(issue).toMatchObject({
      severity: 'error',
      territory: 'Баткенская обл.',
      expected: 96_320_000,
      actual: 96_338_400_000,
      difference: 96_242_080_000,
      interpretations: [
        { unit: 'thousands', asWritten: true, minor: 96_338_400_000, difference: 96_242_080_000 },
        { unit: 'units', asWritten: false, minor: 96_338_400, difference: 18_400 },
      ],
    });
    // Issyk-Kul's "443,0 (2 р-на – 886,0)" does add up, and is not reported.
    const issykKul = rowOf(report, '2.1').lot?.territories[0];
    expect(issykKul?.districts).toMatchObject({
      count: 2,
      perDistrict: { minor: 44_300_000 },
      subtotal: { minor: 88_600_000 },
    });
  });

  it.each([
    ['1.4', 125_700_000, 125_690_000, -10_000],
    ['1.7', 693_120_000, 584_300_000, -108_820_000],
    ['2.2', 514_730_000, 514_710_000, -20_000],
  ])(
    'lot %s: the stated total %d does not match the sum %d (difference %d tyiyn)',
    (lot, stated, sum, difference) => {
      const issue = rowOf(report, lot).issues.find(
        (candidate) => candidate.code === 'stated_total_mismatch',
      );
      expect(issue).toMatchObject({
        severity: 'error',
        field: 'maxAmount',
        lotNumber: lot,
        expected: stated,
        actual: sum,
        difference,
      });
      expect(issue?.message).toContain('Neither figure is taken');
    },
  );

  it('1.4: the territory column names Osh oblast, which has no amount', () => {
    const issue = rowOf(report, '1.4').issues.find(
      (candidate) => candidate.code === 'territory_without_amount',
    );
    expect(issue).toMatchObject({ severity: 'warning', field: 'territory', expected: 'KG-O' });
    expect(codes('1.4')).toContain('stated_total_mismatch');
  });

  it('is not importable all-or-nothing; partial=true would create the ten consistent lots', () => {
    expect(report.importable).toBe(false);
    expect(report.partial).toEqual({
      possible: true,
      rowNumbers: [3, 4, 5, 7, 8, 13, 14, 15, 16, 17],
      lotNumbers: ['1.1', '1.2', '1.3', '1.5', '1.6', '2.3', '2.4', '2.5', '2.6', '2.7'],
      maxAmount: 2_852_400_000,
    });
    expect(selectLotsToCreate(report, false)).toEqual({ allowed: false, lots: [] });
    const partial = selectLotsToCreate(report, true);
    expect(partial.allowed).toBe(true);
    expect(partial.lots.map((lot) => lot.number)).toEqual(report.partial.lotNumbers);
  });

  it('sums the whole plan: as read and as stated', () => {
    expect(report.summary).toMatchObject({
      lots: 14,
      okRows: 10,
      warningRows: 0,
      errorRows: 4,
      errors: 5,
      warnings: 1,
      // 44,080.6 thousand som as the territories add up; 45,169.1 thousand as the totals state.
      totalMaxAmount: 4_408_060_000,
      totalStated: 4_516_910_000,
    });
  });
});

describe('seed 001 as XLSX', () => {
  it('gives exactly the report the CSV gives', async () => {
    const xlsx = interpretPlanRows(await parsePlanXlsx(fixture('kg-2019-plan.xlsx')), options);
    expect(xlsx).toEqual(csvReport());
  });

  it('importPlan detects the format of either file', async () => {
    const fromXlsx = await importPlan(fixture('kg-2019-plan.xlsx'), options);
    const fromCsv = await importPlan(fixture('kg-2019-plan.csv'), options);
    expect(fromXlsx).toEqual(fromCsv);
    expect(fromCsv.rows).toHaveLength(14);
  });

  it('reads the same from a semicolon-separated, CRLF, BOM-prefixed CSV', () => {
    const records = parsePlanCsv(fixture('kg-2019-plan.csv')).rows;
    const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    const excelStyle =
      '\uFEFF' + records.map((row) => row.cells.map(quote).join(';')).join('\r\n') + '\r\n';
    expect(interpretPlanRows(parsePlanCsv(Buffer.from(excelStyle, 'utf8')), options)).toEqual(
      csvReport(),
    );
  });
});
