/**
 * From rows of cells (CSV or XLSX alike) to a PlanImportReport. Pure: no I/O, no clock, the same
 * rows always give the same report. Nothing is corrected: every figure is kept as written and
 * every disagreement between figures is an issue on its row.
 */
import { readAmountCell } from './amounts.js';
import { findHeader } from './columns.js';
import { contextOf, RowIssues, show, type Context } from './context.js';
import { readDuration } from './duration.js';
import { readEligibility } from './eligibility.js';
import { extractIndicatorTargets } from './indicators.js';
import { planIssue } from './issues.js';
import {
  cellUnit,
  checkAmounts,
  convertFigure,
  median,
  readAmounts,
  type AmountDraft,
  type AmountOutcome,
} from './lot-amounts.js';
import { sumMinor } from './money.js';
import { oneLine, tidyText } from './text.js';
import {
  PLAN_COLUMNS,
  REQUIRED_PLAN_COLUMNS,
  type ImportableLot,
  type ParsedLot,
  type PlanColumn,
  type PlanImportOptions,
  type PlanImportReport,
  type PlanImportRow,
  type PlanIssue,
  type PlanIssueCode,
  type PlanSection,
  type PlanSheet,
  type RawPlanRow,
} from './types.js';

const isBlank = (cell: string | undefined) => oneLine(cell ?? '') === '';

const LOT_NUMBER = /^\d+(?:\.\d+)*$/u;
const SECTION_HEADING = /^(?:(?:раздел|section)\s+)?(?<number>\d+)\s*[.)]?\s+\S/iu;
const GRAND_TOTAL = /^(?:итого|всего|total)(?!\p{L})/iu;

interface LotDraft {
  row: RawPlanRow;
  number: string | null;
  issues: RowIssues;
  cells: Record<PlanColumn, string>;
  section: PlanSection | null;
  amounts: AmountDraft | null;
}

function cellsOf(
  row: RawPlanRow,
  columns: Partial<Record<PlanColumn, number>>,
): Record<PlanColumn, string> {
  const cells = {} as Record<PlanColumn, string>;
  for (const column of PLAN_COLUMNS) {
    const index = columns[column];
    cells[column] = index === undefined ? '' : (row.cells[index] ?? '');
  }
  return cells;
}

function buildLot(draft: LotDraft, fileMedian: bigint | null, context: Context): ParsedLot {
  const { cells, issues } = draft;
  const number = draft.number ?? '';

  const theme = tidyText(cells.theme);
  if (!theme) issues.add(planIssue('theme_missing', 'theme', 'the lot has no theme'));

  const executors = tidyText(cells.executors);
  let eligibility: string[] = [];
  if (!executors) {
    issues.add(
      planIssue(
        'eligibility_missing',
        'executors',
        'no executors are given: who may apply is unknown',
      ),
    );
  } else {
    const reading = readEligibility(executors);
    eligibility = reading.eligibility;
    if (eligibility.length === 0) {
      issues.add(
        planIssue(
          'eligibility_missing',
          'executors',
          `"${executors}" names no kind of applicant this importer knows`,
          {
            raw: executors,
          },
        ),
      );
    } else {
      for (const part of reading.unrecognised) {
        issues.add(
          planIssue(
            'eligibility_unrecognised',
            'executors',
            `"${part}" is not a kind of applicant this importer knows; it is left out of eligibility`,
            {
              raw: part,
            },
          ),
        );
      }
    }
  }

  const durationReading = readDuration(cells.duration);
  let duration = durationReading.ok ? durationReading.duration : null;
  if (!durationReading.ok) {
    if (durationReading.reason === 'missing') {
      issues.add(planIssue('duration_missing', 'duration', 'no duration is given'));
    } else {
      issues.add(
        planIssue(
          'duration_unparsed',
          'duration',
          `cannot read "${oneLine(cells.duration)}" as a number of months`,
          {
            raw: cells.duration,
          },
        ),
      );
    }
  } else if (durationReading.duration.months < 1 || durationReading.duration.months > 120) {
    issues.add(
      planIssue(
        'duration_out_of_range',
        'duration',
        `${durationReading.duration.months} months is outside 1–120`,
        {
          raw: cells.duration,
          actual: durationReading.duration.months,
        },
      ),
    );
    duration = null;
  }

  const territoryText = tidyText(cells.territory);
  let outcome: AmountOutcome = { territories: [], maxAmount: null, statedTotal: null };
  if (draft.amounts) {
    outcome = checkAmounts(
      cells.maxAmount,
      draft.amounts,
      fileMedian,
      territoryText,
      context,
      issues,
    );
  } else {
    issues.add(planIssue('amount_missing', 'maxAmount', 'no amount is given'));
  }

  const goals = tidyText(cells.goals);
  const tasks = tidyText(cells.tasks);
  const expectedResults = tidyText(cells.expectedResults);

  return {
    number,
    section: draft.section?.title ?? null,
    theme: theme ?? '',
    executors,
    eligibility,
    recipients: tidyText(cells.recipients),
    goals,
    tasks,
    territoryText,
    territories: outcome.territories,
    maxAmount: outcome.maxAmount,
    statedTotal: outcome.statedTotal,
    currency: context.currency,
    amountText: cells.maxAmount,
    duration,
    durationMonths: duration?.months ?? null,
    expectedResults,
    indicatorTargets: extractIndicatorTargets([
      { field: 'goals', text: goals },
      { field: 'tasks', text: tasks },
      { field: 'expectedResults', text: expectedResults },
    ]),
  };
}

function emptyReport(context: Context, issues: PlanIssue[]): PlanImportReport {
  return {
    currency: context.currency,
    unit: context.unit,
    headerRowNumber: null,
    columns: {},
    preamble: [],
    sections: [],
    rows: [],
    issues,
    importable: false,
    partial: { possible: false, rowNumbers: [], lotNumbers: [], maxAmount: 0 },
    summary: summarise([], issues),
  };
}

function summarise(rows: PlanImportRow[], fileIssues: PlanIssue[]): PlanImportReport['summary'] {
  const all = [...fileIssues, ...rows.flatMap((row) => row.issues)];
  const issuesByCode: Partial<Record<PlanIssueCode, number>> = {};
  for (const issue of all) issuesByCode[issue.code] = (issuesByCode[issue.code] ?? 0) + 1;
  const lots = rows.flatMap((row) => (row.lot ? [row.lot] : []));
  return {
    lots: rows.length,
    okRows: rows.filter((row) => row.status === 'ok').length,
    warningRows: rows.filter((row) => row.status === 'warning').length,
    errorRows: rows.filter((row) => row.status === 'error').length,
    errors: all.filter((issue) => issue.severity === 'error').length,
    warnings: all.filter((issue) => issue.severity === 'warning').length,
    issuesByCode,
    totalMaxAmount: sumMinor(lots.map((lot) => lot.maxAmount ?? 0)),
    totalStated: sumMinor(lots.map((lot) => lot.statedTotal?.minor ?? 0)),
  };
}

/**
 * Interprets rows read from a plan file. `input` is what parsePlanCsv / parsePlanXlsx return, or
 * bare rows. Throws only on invalid options; anything wrong with the rows is an issue.
 */
export function interpretPlanRows(
  input: PlanSheet | readonly RawPlanRow[],
  options: PlanImportOptions,
): PlanImportReport {
  const context = contextOf(options);
  const sheet: PlanSheet = Array.isArray(input)
    ? { rows: [...(input as readonly RawPlanRow[])], issues: [] }
    : (input as PlanSheet);
  const fileIssues: PlanIssue[] = [...sheet.issues];
  if (fileIssues.some((issue) => issue.severity === 'error'))
    return emptyReport(context, fileIssues);

  const rows = sheet.rows.filter((row) => row.cells.some((cell) => !isBlank(cell)));
  if (rows.length === 0) {
    fileIssues.push(planIssue('file_empty', 'file', 'the file has no rows'));
    return emptyReport(context, fileIssues);
  }
  if (rows.length > context.maxRows) {
    fileIssues.push(
      planIssue(
        'too_many_rows',
        'file',
        `the file has ${rows.length} rows, more than ${context.maxRows}`,
        {
          actual: rows.length,
          expected: context.maxRows,
        },
      ),
    );
    return emptyReport(context, fileIssues);
  }

  const header = findHeader(rows);
  if (!header) {
    fileIssues.push(
      planIssue(
        'header_not_found',
        'file',
        'no header row names the plan columns (№, theme, executors, maximum amount…)',
        { raw: rows[0].cells.map(oneLine).filter(Boolean).join(' | ') },
      ),
    );
    return emptyReport(context, fileIssues);
  }

  const columns: Partial<Record<PlanColumn, number>> = {};
  for (const column of PLAN_COLUMNS) {
    const found = header.columns.get(column);
    if (!found) {
      const required = REQUIRED_PLAN_COLUMNS.includes(column);
      fileIssues.push(
        planIssue(
          'missing_column',
          column,
          `the ${required ? 'required' : 'optional'} column "${column}" is missing`,
          {
            rowNumber: header.row.rowNumber,
            expected: column,
            ...(required ? {} : { severity: 'warning' as const }),
          },
        ),
      );
      continue;
    }
    columns[column] = found[0];
    if (found.length > 1) {
      fileIssues.push(
        planIssue(
          'duplicate_column',
          column,
          `${found.length} columns read as "${column}": ${found
            .map((index) => `"${oneLine(header.row.cells[index])}"`)
            .join(', ')}`,
          {
            rowNumber: header.row.rowNumber,
            raw: found.map((index) => header.row.cells[index]).join(' | '),
          },
        ),
      );
    }
  }
  for (const unknown of header.unknown) {
    fileIssues.push(
      planIssue(
        'unknown_column',
        'file',
        `column "${unknown.text}" is not a plan column and is ignored`,
        {
          rowNumber: header.row.rowNumber,
          raw: unknown.text,
        },
      ),
    );
  }

  const preamble = rows
    .slice(0, header.index)
    .map((row) => row.cells.map(oneLine).filter(Boolean).join(' | '));
  const base = {
    currency: context.currency,
    unit: context.unit,
    headerRowNumber: header.row.rowNumber,
    columns,
    preamble,
  };
  const structural = () => fileIssues.some((issue) => issue.severity === 'error');
  if (structural()) {
    return { ...emptyReport(context, fileIssues), ...base, summary: summarise([], fileIssues) };
  }

  // Pass 1: classify rows, read amounts.
  const sections: PlanSection[] = [];
  const drafts: LotDraft[] = [];
  const grandTotals: RawPlanRow[] = [];
  let section: PlanSection | null = null;
  for (const row of rows.slice(header.index + 1)) {
    const cells = cellsOf(row, columns);
    const filled = row.cells
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => !isBlank(cell));
    const numberText = oneLine(cells.number);
    const first = oneLine(filled[0].cell);

    if (!LOT_NUMBER.test(numberText.replace(/\.$/u, '')) && GRAND_TOTAL.test(first)) {
      grandTotals.push(row);
      continue;
    }
    const heading = filled.length === 1 ? SECTION_HEADING.exec(first) : null;
    const numberedHeading =
      /^\d+\.?$/u.test(numberText) &&
      !isBlank(cells.theme) &&
      filled.every(({ index }) => index === columns.number || index === columns.theme);
    if (heading || numberedHeading) {
      const title = numberedHeading
        ? `${numberText.replace(/\.$/u, '')}. ${oneLine(cells.theme)}`
        : first;
      section = {
        rowNumber: row.rowNumber,
        number: numberedHeading
          ? numberText.replace(/\.$/u, '')
          : (heading?.groups?.number ?? null),
        title,
      };
      sections.push(section);
      continue;
    }
    if (filled.length === 1 && !LOT_NUMBER.test(numberText.replace(/\.$/u, ''))) {
      fileIssues.push(
        planIssue(
          'row_ignored',
          'row',
          `row ${row.rowNumber} is neither a lot nor a section heading: "${first}"`,
          {
            rowNumber: row.rowNumber,
            raw: first,
          },
        ),
      );
      continue;
    }

    const number = numberText === '' ? null : numberText.replace(/\.$/u, '');
    const issues = new RowIssues(row.rowNumber, number ?? undefined);
    if (number === null) {
      issues.add(planIssue('lot_number_missing', 'number', 'the row has no lot number'));
    } else if (!LOT_NUMBER.test(number)) {
      issues.add(
        planIssue(
          'lot_number_invalid',
          'number',
          `"${numberText}" is not a lot number such as "1.3"`,
          {
            raw: cells.number,
          },
        ),
      );
    } else if (section?.number && !number.startsWith(`${section.number}.`)) {
      issues.add(
        planIssue(
          'section_mismatch',
          'number',
          `lot ${number} stands under section "${section.title}" (${section.number})`,
          { raw: cells.number, expected: `${section.number}.…`, actual: number },
        ),
      );
    }
    drafts.push({
      row,
      number,
      issues,
      cells,
      section,
      amounts: isBlank(cells.maxAmount) ? null : readAmounts(cells.maxAmount, context, issues),
    });
  }

  // Pass 2: the file-wide median of territory figures, for lots with too few of their own.
  const fileMedian = median(
    drafts.flatMap((draft) =>
      (draft.amounts?.lines ?? []).flatMap((line) => (line.amount ? [line.amount.minor] : [])),
    ),
  );
  const lots = drafts.map((draft) => buildLot(draft, fileMedian, context));

  // Duplicate lot numbers: every row that has one, since which is right is not chosen.
  const byNumber = new Map<string, number[]>();
  drafts.forEach((draft) => {
    if (draft.number)
      byNumber.set(draft.number, [...(byNumber.get(draft.number) ?? []), draft.row.rowNumber]);
  });
  for (const draft of drafts) {
    const same = draft.number ? (byNumber.get(draft.number) ?? []) : [];
    if (same.length < 2) continue;
    draft.issues.add(
      planIssue(
        'duplicate_lot_number',
        'number',
        `lot number ${draft.number} is used by rows ${same.join(', ')}`,
        { raw: draft.cells.number, actual: same.join(', ') },
      ),
    );
  }

  const reportRows: PlanImportRow[] = drafts.map((draft, index) => ({
    rowNumber: draft.row.rowNumber,
    lotNumber: draft.number,
    status: draft.issues.blocking ? 'error' : draft.issues.list.length ? 'warning' : 'ok',
    lot: lots[index],
    issues: draft.issues.list,
  }));

  if (reportRows.length === 0) {
    fileIssues.push(planIssue('no_lots', 'file', 'the table has no lot rows'));
  }

  // A grand-total row ("Итого"), if the plan has one, against the sum of all lots.
  for (const row of grandTotals) {
    const cells = cellsOf(row, columns);
    const text = isBlank(cells.maxAmount) ? row.cells.join('\n') : cells.maxAmount;
    const issues = new RowIssues(row.rowNumber, undefined);
    const reading = readAmountCell(text);
    const figures = [
      ...reading.totals,
      ...reading.bare,
      ...reading.lines.map((line) => line.figure),
    ];
    const amount =
      figures.length === 1
        ? convertFigure(figures[0], cellUnit(reading), context, issues, undefined)
        : null;
    fileIssues.push(...issues.list);
    const sum = sumMinor(lots.map((lot) => lot.maxAmount ?? 0));
    if (!amount || sum === null) {
      fileIssues.push(
        planIssue(
          'row_ignored',
          'row',
          `cannot read one total from the total row: "${oneLine(text)}"`,
          {
            rowNumber: row.rowNumber,
            raw: oneLine(text),
          },
        ),
      );
      continue;
    }
    if (amount.minor !== sum) {
      fileIssues.push(
        planIssue(
          'grand_total_mismatch',
          'maxAmount',
          `the plan's total "${amount.raw}" is ${show(amount.minor, amount.unit, context)} but its ${
            lots.length
          } lots sum to ${show(sum, amount.unit, context)}`,
          {
            rowNumber: row.rowNumber,
            raw: amount.raw,
            expected: amount.minor,
            actual: sum,
            difference: sum - amount.minor,
          },
        ),
      );
    }
  }

  const creatable = reportRows.filter(
    (row): row is PlanImportRow & { lot: ImportableLot; lotNumber: string } =>
      row.status !== 'error' &&
      row.lot !== undefined &&
      row.lot.maxAmount !== null &&
      row.lotNumber !== null,
  );
  // Issues of the file that are not about one row (a missing column, no header) stop even a partial import.
  const fileBlocked = fileIssues.some(
    (issue) => issue.severity === 'error' && issue.rowNumber === undefined,
  );
  const anyError =
    fileIssues.some((issue) => issue.severity === 'error') ||
    reportRows.some((row) => row.status === 'error');

  return {
    ...base,
    sections,
    rows: reportRows,
    issues: fileIssues,
    importable: reportRows.length > 0 && !anyError,
    partial: {
      possible: !fileBlocked && creatable.length > 0,
      rowNumbers: fileBlocked ? [] : creatable.map((row) => row.rowNumber),
      lotNumbers: fileBlocked ? [] : creatable.map((row) => row.lotNumber),
      maxAmount: fileBlocked ? 0 : sumMinor(creatable.map((row) => row.lot.maxAmount)),
    },
    summary: summarise(reportRows, fileIssues),
  };
}

/**
 * The lots an import may create: all of them when the report is importable, or with
 * `partial` every row without an error (unless the file itself is unusable). Never a lot of a
 * row with an error.
 */
export function selectLotsToCreate(
  report: PlanImportReport,
  partial: boolean,
): { allowed: boolean; lots: ImportableLot[] } {
  const allowed = partial ? report.partial.possible : report.importable;
  if (!allowed) return { allowed: false, lots: [] };
  const rows = new Set(report.partial.rowNumbers);
  const lots = report.rows
    .filter((row) => rows.has(row.rowNumber) && row.status !== 'error')
    .flatMap((row) => (row.lot && row.lot.maxAmount !== null ? [row.lot as ImportableLot] : []));
  return { allowed: true, lots };
}
