/**
 * XLSX in, rows of cells out, row numbers as in the sheet. Merged cells give their text once (in
 * their top-left cell), so a section heading merged across the table reads as one cell, as in
 * CSV. Numbers read as their shortest decimal form; formulas as their cached result.
 */
import ExcelJS from 'exceljs';
import { findHeader } from './columns.js';
import { planIssue } from './issues.js';
import type { PlanSheet, RawPlanRow } from './types.js';

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : valueText(value.text);
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    return valueText(value.result ?? null);
  }
  return '';
}

function cellText(cell: ExcelJS.Cell): string {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  return valueText(cell.value).replace(/\r\n?/gu, '\n');
}

/** A sheet styled down to row 1,048,576 is not read cell by cell. */
const MAX_SHEET_ROWS = 100_000;
const MAX_SHEET_COLUMNS = 200;

function sheetRows(worksheet: ExcelJS.Worksheet): RawPlanRow[] {
  const rows: RawPlanRow[] = [];
  const columns = Math.min(worksheet.columnCount, MAX_SHEET_COLUMNS);
  for (let rowNumber = 1; rowNumber <= worksheet.rowCount; rowNumber++) {
    const row = worksheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let column = 1; column <= columns; column++) cells.push(cellText(row.getCell(column)));
    rows.push({ rowNumber, cells });
  }
  return rows;
}

export interface PlanXlsxOptions {
  /** A worksheet name or 1-based position; by default the first one that has a plan header. */
  sheet?: string | number;
}

export async function parsePlanXlsx(
  input: Buffer | Uint8Array | ArrayBuffer,
  options: PlanXlsxOptions = {},
): Promise<PlanSheet> {
  const workbook = new ExcelJS.Workbook();
  const bytes =
    input instanceof ArrayBuffer
      ? Buffer.from(input)
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) return { rows: [], issues: [] };
  try {
    // exceljs types its argument as its own `Buffer extends ArrayBuffer`; a Node Buffer is what
    // it reads at run time.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return {
      rows: [],
      issues: [
        planIssue(
          'file_unreadable',
          'file',
          `not a readable XLSX file: ${(error as Error).message}`,
        ),
      ],
    };
  }
  const worksheets = workbook.worksheets;
  const tooLarge = worksheets.find((worksheet) => worksheet.rowCount > MAX_SHEET_ROWS);
  if (tooLarge) {
    return {
      rows: [],
      issues: [
        planIssue(
          'too_many_rows',
          'file',
          `worksheet "${tooLarge.name}" has ${tooLarge.rowCount} rows, more than ${MAX_SHEET_ROWS}`,
          { actual: tooLarge.rowCount, expected: MAX_SHEET_ROWS },
        ),
      ],
    };
  }
  if (options.sheet !== undefined) {
    const worksheet =
      typeof options.sheet === 'number'
        ? worksheets[options.sheet - 1]
        : workbook.getWorksheet(options.sheet);
    if (!worksheet) {
      return {
        rows: [],
        issues: [
          planIssue('file_unreadable', 'file', `the workbook has no worksheet "${options.sheet}"`, {
            expected: String(options.sheet),
            actual: worksheets.map((sheet) => sheet.name).join(', '),
          }),
        ],
      };
    }
    return { rows: sheetRows(worksheet), issues: [] };
  }
  let first: RawPlanRow[] | null = null;
  for (const worksheet of worksheets) {
    const rows = sheetRows(worksheet);
    first ??= rows;
    if (findHeader(rows.filter((row) => row.cells.some((cell) => cell.trim() !== '')))) {
      return { rows, issues: [] };
    }
  }
  return { rows: first ?? [], issues: [] };
}
