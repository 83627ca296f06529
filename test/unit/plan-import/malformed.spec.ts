import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import {
  importPlan,
  interpretPlanRows,
  parsePlanCsv,
  parsePlanXlsx,
  selectLotsToCreate,
  type PlanImportOptions,
  type PlanImportReport,
  type PlanIssueCode,
} from '../../../src/programmes/plan-import/index.js';

const options: PlanImportOptions = { currency: 'KGS', unit: 'thousands' };
const HEADER =
  'number,theme,executors,recipients,goals,tasks,territory,duration,max_amount,expected_results';

/** A lot row of the English-headed table; amount is the cell text. */
const lot = (
  number: string,
  amount: string,
  extra: { theme?: string; executors?: string; duration?: string } = {},
) =>
  [
    number,
    extra.theme ?? 'Тема',
    extra.executors ?? 'НКО',
    '',
    '',
    '',
    '',
    extra.duration ?? '12 мес.',
    amount,
    '',
  ]
    .map((cell) => `"${cell.replace(/"/g, '""')}"`)
    .join(',');

const report = (csv: string): PlanImportReport => interpretPlanRows(parsePlanCsv(csv), options);
const fileCodes = (result: PlanImportReport) => result.issues.map((issue) => issue.code);
const rowCodes = (result: PlanImportReport, index = 0) =>
  result.rows[index].issues.map((issue) => issue.code);

const GOOD = 'Ошская обл. – 100,0 тыс. сом; Чуйская обл. – 200,0 тыс. сом (Всего 300,0 тыс. сом)';

describe('a clean minimal plan', () => {
  it('is importable, and all its lots would be created', () => {
    const result = report([HEADER, lot('1.1', GOOD), lot('1.2', GOOD)].join('\n'));
    expect(result.issues).toEqual([]);
    expect(result.rows.map((row) => row.status)).toEqual(['ok', 'ok']);
    expect(result.importable).toBe(true);
    expect(result.rows[0].lot?.maxAmount).toBe(30_000_000);
    expect(selectLotsToCreate(result, false).lots.map((created) => created.number)).toEqual([
      '1.1',
      '1.2',
    ]);
  });
});

describe('malformed input gives issues, never exceptions', () => {
  it.each([
    ['an empty string', ''],
    ['blank lines', ' \n\n ,, \n'],
  ])('%s: file_empty', (_, csv) => {
    const result = report(csv);
    expect(fileCodes(result)).toEqual(['file_empty']);
    expect(result.importable).toBe(false);
    expect(result.partial.possible).toBe(false);
  });

  it('an empty buffer, as CSV and as XLSX', async () => {
    expect(fileCodes(interpretPlanRows(parsePlanCsv(Buffer.alloc(0)), options))).toEqual([
      'file_empty',
    ]);
    expect(fileCodes(interpretPlanRows(await parsePlanXlsx(Buffer.alloc(0)), options))).toEqual([
      'file_empty',
    ]);
  });

  it('an XLSX workbook with an empty sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(fileCodes(await importPlan(buffer, options))).toEqual(['file_empty']);
  });

  it('bytes that are not XLSX: file_unreadable', async () => {
    const notZip = await parsePlanXlsx(Buffer.from('this is not a workbook'));
    expect(notZip.issues.map((issue) => issue.code)).toEqual(['file_unreadable']);
    const brokenZip = await importPlan(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), options);
    expect(fileCodes(brokenZip)).toEqual(['file_unreadable']);
    expect(brokenZip.importable).toBe(false);
  });

  it('CSV with an unclosed quote: file_unreadable', () => {
    expect(fileCodes(report(`${HEADER}\n1.1,"Тема,НКО`))).toEqual(['file_unreadable']);
  });

  it('no header row: header_not_found', () => {
    const result = report('a,b,c\n1,2,3\n');
    expect(fileCodes(result)).toEqual(['header_not_found']);
    expect(result.rows).toEqual([]);
  });

  it('a missing required column blocks everything, even partial', () => {
    const result = report('number,theme,executors\n1.1,Тема,НКО\n');
    const missing = result.issues.filter((issue) => issue.code === 'missing_column');
    expect(
      missing.filter((issue) => issue.severity === 'error').map((issue) => issue.field),
    ).toEqual(['maxAmount']);
    expect(
      missing.filter((issue) => issue.severity === 'warning').map((issue) => issue.field),
    ).toEqual(['recipients', 'goals', 'tasks', 'territory', 'duration', 'expectedResults']);
    expect(result.rows).toEqual([]);
    expect(result.importable).toBe(false);
    expect(result.partial.possible).toBe(false);
    expect(selectLotsToCreate(result, true)).toEqual({ allowed: false, lots: [] });
  });

  it('an optional column missing is a warning only', () => {
    const result = report(
      ['number,theme,executors,duration,max_amount', `1.1,Тема,НКО,12 мес.,"${GOOD}"`].join('\n'),
    );
    expect(
      result.issues.every(
        (issue) => issue.code === 'missing_column' && issue.severity === 'warning',
      ),
    ).toBe(true);
    expect(result.importable).toBe(true);
  });

  it('two columns read as the same field: duplicate_column', () => {
    const result = report(`${HEADER},amount\n${lot('1.1', GOOD)},1\n`);
    expect(fileCodes(result)).toEqual(['duplicate_column']);
    expect(result.importable).toBe(false);
  });

  it('an unknown column is reported and ignored', () => {
    const result = report(`${HEADER},comment\n${lot('1.1', GOOD)},see note\n`);
    expect(fileCodes(result)).toEqual(['unknown_column']);
    expect(result.importable).toBe(true);
  });

  it.each<[string, string, PlanIssueCode[]]>([
    ['words', 'Ошская обл. – много денег', ['amount_unparsed']],
    [
      'a broken figure',
      'Ошская обл. – 1 33x,0 тыс. сом; Чуйская обл. – 1,0 (Всего 2,0)',
      ['amount_unparsed'],
    ],
    ['two figures without territories', '1 333,0; 2 000,0', ['amount_unparsed']],
    ['a figure finer than a tyiyn', 'Ошская обл. – 1,234567 тыс. сом', ['amount_precision']],
    ['another currency', 'Ошская обл. – 100,0 тыс. тенге', ['currency_mismatch']],
    [
      'the same territory twice',
      'Ошская – 100,0; Ошская обл. – 200,0 (Всего 300,0)',
      ['duplicate_territory'],
    ],
    [
      'two different totals',
      'Ошская обл. – 100,0; Чуйская обл. – 200,0 (Всего 300,0) (Всего 310,0)',
      ['stated_total_ambiguous'],
    ],
    [
      'a total that does not add up',
      'Ошская обл. – 100,0; Чуйская обл. – 200,0 (Всего 301,0)',
      ['stated_total_mismatch'],
    ],
  ])('garbage amounts, %s: an error on the row', (_, amount, codes) => {
    const result = report([HEADER, lot('1.1', amount), lot('1.2', GOOD)].join('\n'));
    expect(
      [...new Set(rowCodes(result))].filter((code) => code !== 'stated_total_missing'),
    ).toEqual(codes);
    expect(result.rows[0].status).toBe('error');
    expect(result.importable).toBe(false);
    // partial=true still creates the good row, never the bad one
    expect(result.partial.lotNumbers).toEqual(['1.2']);
  });

  it('an empty amount: amount_missing', () => {
    const result = report([HEADER, lot('1.1', '')].join('\n'));
    expect(rowCodes(result)).toEqual(['amount_missing']);
    expect(result.rows[0].lot?.maxAmount).toBeNull();
  });

  it('duplicate lot numbers: both rows are errors, neither is picked', () => {
    const result = report(
      [HEADER, lot('1.1', GOOD), lot('1.1', GOOD), lot('1.2', GOOD)].join('\n'),
    );
    expect(result.rows.map((row) => [row.rowNumber, row.status])).toEqual([
      [2, 'error'],
      [3, 'error'],
      [4, 'ok'],
    ]);
    expect(result.rows[0].issues[0]).toMatchObject({
      code: 'duplicate_lot_number',
      severity: 'error',
      field: 'number',
      lotNumber: '1.1',
      actual: '2, 3',
    });
    expect(result.importable).toBe(false);
    expect(result.partial).toMatchObject({ possible: true, lotNumbers: ['1.2'], rowNumbers: [4] });
  });

  it('missing or invalid lot numbers, themes, executors and durations', () => {
    const result = report(
      [
        HEADER,
        lot('', GOOD),
        lot('Лот A', GOOD),
        lot('1.3', GOOD, { theme: '' }),
        lot('1.4', GOOD, { executors: '' }),
        lot('1.5', GOOD, { executors: 'ГУ' }),
        lot('1.6', GOOD, { executors: 'НКО, ИП' }),
        lot('1.7', GOOD, { duration: 'полгода' }),
        lot('1.8', GOOD, { duration: '200 мес.' }),
        lot('1.9', GOOD, { duration: '' }),
      ].join('\n'),
    );
    expect(
      result.rows.map((row) => [row.lotNumber, row.status, row.issues.map((issue) => issue.code)]),
    ).toEqual([
      [null, 'error', ['lot_number_missing']],
      ['Лот A', 'error', ['lot_number_invalid']],
      ['1.3', 'error', ['theme_missing']],
      ['1.4', 'error', ['eligibility_missing']],
      ['1.5', 'error', ['eligibility_missing']],
      ['1.6', 'warning', ['eligibility_unrecognised']],
      ['1.7', 'error', ['duration_unparsed']],
      ['1.8', 'error', ['duration_out_of_range']],
      ['1.9', 'warning', ['duration_missing']],
    ]);
    expect(result.partial.lotNumbers).toEqual(['1.6', '1.9']);
  });

  it('none of the above throws; only invalid options do', () => {
    const inputs = ['', '\u0000\u0001\u0002', 'ÿþ', `${HEADER}\n${lot('1.1', '\u0000')}`, '"'];
    for (const input of inputs) expect(() => report(input)).not.toThrow();
    expect(() => interpretPlanRows([], { currency: 'som', unit: 'thousands' })).toThrow(RangeError);
    expect(() =>
      interpretPlanRows([], { currency: 'KGS', unit: 'thousands', suspectRatio: 1 }),
    ).toThrow(RangeError);
  });
});

describe('the unit check', () => {
  it('a lot of one territory is compared with the rest of the file', () => {
    const result = report(
      [HEADER, lot('1.1', GOOD), lot('1.2', GOOD), lot('1.3', 'Ошская обл. – 481 692')].join('\n'),
    );
    expect(rowCodes(result, 2)).toEqual(['amount_unit_suspect']);
    expect(result.rows[2].issues[0].interpretations).toEqual([
      { unit: 'thousands', asWritten: true, minor: 48_169_200_000 },
      { unit: 'units', asWritten: false, minor: 48_169_200 },
    ]);
  });

  it('a figure a thousand times too small is suspect too (millions?)', () => {
    const amount =
      'Ошская обл. – 400,0; Чуйская обл. – 410,0; Нарынская обл. – 0,4208 (Всего 810,4208)';
    const result = report([HEADER, lot('1.1', amount)].join('\n'));
    const issue = result.rows[0].issues.find(
      (candidate) => candidate.code === 'amount_unit_suspect',
    );
    expect(issue?.interpretations).toEqual([
      { unit: 'thousands', asWritten: true, minor: 42_080 },
      { unit: 'millions', asWritten: false, minor: 42_080_000 },
    ]);
  });

  it('an explicit "сом" is read in som and is not suspect', () => {
    const amount =
      'Ошская обл. – 481 692 сом; Чуйская обл. – 424,6 тыс. сом (Всего 906,292 тыс. сом)';
    const result = report([HEADER, lot('1.1', amount)].join('\n'));
    expect(result.rows[0].issues).toEqual([]);
    expect(result.rows[0].lot?.territories.map((territory) => territory.maxAmount)).toEqual([
      48_169_200, 42_460_000,
    ]);
    expect(result.rows[0].lot?.maxAmount).toBe(90_629_200);
  });

  it('when the other reading would make the total add up, the message says so', () => {
    const amount =
      'Ошская обл. – 400,0; Чуйская обл. – 410,0; Нарынская обл. – 420 800 (Всего 1 230,8)';
    const result = report([HEADER, lot('1.1', amount)].join('\n'));
    const mismatch = result.rows[0].issues.find((issue) => issue.code === 'stated_total_mismatch');
    expect(mismatch?.interpretations?.[1]).toEqual({
      unit: 'units',
      asWritten: false,
      minor: 123_080_000,
      difference: 0,
    });
    expect(mismatch?.message).toContain('it would match');
  });
});

describe('structure around the lots', () => {
  it('title rows above the header are preamble; headings are sections', () => {
    const csv = [
      'Приложение 2,,,',
      'План реализации программы государственного социального заказа на 2019 год',
      HEADER,
      ',"1. Услуги для семей",,,,,,,,',
      lot('1.1', GOOD),
      '2.,Поддержка центров,,,,,,,,',
      lot('2.1', GOOD),
      lot('3.1', GOOD),
    ].join('\n');
    const result = report(csv);
    expect(result.headerRowNumber).toBe(3);
    expect(result.preamble).toEqual([
      'Приложение 2',
      'План реализации программы государственного социального заказа на 2019 год',
    ]);
    expect(result.sections).toEqual([
      { rowNumber: 4, number: '1', title: '1. Услуги для семей' },
      { rowNumber: 6, number: '2', title: '2. Поддержка центров' },
    ]);
    expect(result.rows.map((row) => [row.lotNumber, row.lot?.section])).toEqual([
      ['1.1', '1. Услуги для семей'],
      ['2.1', '2. Поддержка центров'],
      ['3.1', '2. Поддержка центров'],
    ]);
    expect(rowCodes(result, 2)).toEqual(['section_mismatch']);
    expect(result.rows[2].status).toBe('warning');
  });

  it('a stray one-cell row is reported, not silently dropped', () => {
    const result = report(
      [HEADER, lot('1.1', GOOD), 'Министр труда и социального развития'].join('\n'),
    );
    expect(result.issues).toMatchObject([
      { code: 'row_ignored', severity: 'warning', rowNumber: 3 },
    ]);
    expect(result.importable).toBe(true);
  });

  it('a grand-total row is checked against the sum of the lots', () => {
    const matching = report(
      [HEADER, lot('1.1', GOOD), lot('1.2', GOOD), ',Итого,,,,,,,"600,0 тыс. сом",'].join('\n'),
    );
    expect(matching.issues).toEqual([]);
    expect(matching.importable).toBe(true);
    const off = report(
      [HEADER, lot('1.1', GOOD), lot('1.2', GOOD), 'Итого,,,,,,,,"610,0",'].join('\n'),
    );
    expect(off.issues).toMatchObject([
      {
        code: 'grand_total_mismatch',
        severity: 'error',
        expected: 61_000_000,
        actual: 60_000_000,
        difference: -1_000_000,
      },
    ]);
    expect(off.importable).toBe(false);
    // a wrong grand total blocks all-or-nothing, not the lots themselves
    expect(off.partial.lotNumbers).toEqual(['1.1', '1.2']);
  });

  it('a table with a header and no lots: no_lots', () => {
    const result = report(`${HEADER}\n`);
    expect(fileCodes(result)).toEqual(['no_lots']);
    expect(result.importable).toBe(false);
  });

  it('a Windows-1251 CSV is read, with a warning', () => {
    const text = `${HEADER}\n${lot('1.1', GOOD)}\n`;
    const cp1251 = Buffer.from(
      [...text].map((char) => {
        const code = char.codePointAt(0) ?? 0;
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (code === 0x2013) return 0x96;
        return code;
      }),
    );
    const result = interpretPlanRows(parsePlanCsv(cp1251), options);
    expect(fileCodes(result)).toEqual(['file_encoding']);
    expect(result.rows[0].lot?.theme).toBe('Тема');
    expect(result.rows[0].lot?.territories.map((territory) => territory.code)).toEqual([
      'KG-O',
      'KG-C',
    ]);
  });
});

describe('XLSX cells of every kind', () => {
  it('reads numbers, rich text and formula results as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('План');
    sheet.addRow([
      '№',
      'Мероприятия (темы)',
      'Исполнители ГСЗ',
      'Срок реализации',
      'Максимальная сумма гранта',
    ]);
    sheet.addRow([
      1.1,
      { richText: [{ text: 'Центр ' }, { text: 'услуг', font: { bold: true } }] },
      'НКО',
      '12 мес.',
      'Ошская обл. – 100,0 тыс. сом; Чуйская обл. – 200,0 тыс. сом (Всего 300,0 тыс. сом)',
    ]);
    sheet.addRow([
      1.2,
      'Тема',
      'НКО',
      '12 мес.',
      { formula: 'A1', result: 'Ошская обл. – 1179.6' },
    ]);
    const sheetRead = await parsePlanXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(sheetRead.rows[1].cells.slice(0, 2)).toEqual(['1.1', 'Центр услуг']);
    const result = interpretPlanRows(sheetRead, options);
    expect(result.rows.map((row) => [row.lotNumber, row.lot?.theme, row.lot?.maxAmount])).toEqual([
      ['1.1', 'Центр услуг', 30_000_000],
      ['1.2', 'Тема', 117_960_000],
    ]);
  });

  it('finds the plan on a later worksheet; a named sheet that does not exist is an issue', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Титул').addRow(['Приложение 2']);
    const plan = workbook.addWorksheet('План');
    plan.addRow(['№', 'Мероприятия (темы)', 'Исполнители ГСЗ', 'Максимальная сумма гранта']);
    plan.addRow(['1.1', 'Тема', 'НКО', 'Ошская обл. – 100,0 тыс. сом']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const found = await importPlan(buffer, options);
    expect(found.rows.map((row) => [row.lotNumber, row.lot?.maxAmount])).toEqual([
      ['1.1', 10_000_000],
    ]);
    const named = await importPlan(buffer, { ...options, sheet: 'План' });
    expect(named).toEqual(found);
    const missing = await importPlan(buffer, { ...options, sheet: 'Лист9' });
    expect(missing.issues).toMatchObject([{ code: 'file_unreadable', actual: 'Титул, План' }]);
  });
});
