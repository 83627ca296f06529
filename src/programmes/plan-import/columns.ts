/**
 * Finding the header row and its columns: Russian as in seed 001 ("Мероприятия (темы)",
 * "Максимальная сумма гранта"…) or English keys ("number", "max_amount"…).
 */
import { oneLine } from './text.js';
import type { PlanColumn, RawPlanRow } from './types.js';

const HEADERS: readonly { column: PlanColumn; pattern: RegExp }[] = [
  {
    column: 'number',
    pattern: /^(?:№|n|no|nr|#|номер|№\s*(?:лота|п\/п)|number|lot(?:\s*no)?|lot_?number)\.?$/iu,
  },
  { column: 'theme', pattern: /мероприяти|тем[аы]|^theme$|^topic$|^title$/iu },
  { column: 'executors', pattern: /исполнител|^executors?$|^eligibility$/iu },
  { column: 'recipients', pattern: /получател|^recipients?$|^beneficiar/iu },
  { column: 'goals', pattern: /цел[иь]|^goals?$/iu },
  { column: 'tasks', pattern: /задач|^tasks?$/iu },
  { column: 'territory', pattern: /территор|^territory$|^territories$|^regions?$/iu },
  { column: 'duration', pattern: /срок|продолжительн|^duration$|^period$/iu },
  { column: 'maxAmount', pattern: /сумм|^max_?amount|^amount$|^max(?:imum)? amount|^budget$/iu },
  {
    column: 'expectedResults',
    pattern: /результат|^expected_?results?$|^expected results?$|^results?$/iu,
  },
];

export function columnOfHeader(cell: string): PlanColumn | null {
  const text = oneLine(cell);
  if (text === '') return null;
  return HEADERS.find((header) => header.pattern.test(text))?.column ?? null;
}

export interface HeaderMatch {
  row: RawPlanRow;
  index: number;
  /** Every column per field: more than one is a duplicate. */
  columns: Map<PlanColumn, number[]>;
  /** Non-empty header cells that name no field. */
  unknown: { index: number; text: string }[];
}

function matchHeader(row: RawPlanRow, index: number): HeaderMatch {
  const columns = new Map<PlanColumn, number[]>();
  const unknown: { index: number; text: string }[] = [];
  row.cells.forEach((cell, cellIndex) => {
    const column = columnOfHeader(cell);
    if (column) columns.set(column, [...(columns.get(column) ?? []), cellIndex]);
    else if (oneLine(cell) !== '') unknown.push({ index: cellIndex, text: oneLine(cell) });
  });
  return { row, index, columns, unknown };
}

/**
 * The header is the first of the first `scan` rows that names at least three fields, one of
 * them the lot number or the amount; rows above it (title, approval stamp) are preamble.
 */
export function findHeader(rows: readonly RawPlanRow[], scan = 30): HeaderMatch | null {
  for (let index = 0; index < Math.min(rows.length, scan); index++) {
    const match = matchHeader(rows[index], index);
    if (
      match.columns.size >= 3 &&
      (match.columns.has('number') || match.columns.has('maxAmount'))
    ) {
      return match;
    }
  }
  return null;
}
