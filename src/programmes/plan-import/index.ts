/**
 * Plan import, pure: read a plan table (CSV or XLSX, shaped like seed 001) and report per row
 * what would be created and every inconsistency found. No database, no Nest.
 */
import { interpretPlanRows } from './interpret.js';
import { parsePlanCsv } from './read-csv.js';
import { parsePlanXlsx, type PlanXlsxOptions } from './read-xlsx.js';
import type { PlanImportOptions, PlanImportReport } from './types.js';

export * from './types.js';
export { ISSUE_SEVERITY } from './issues.js';
export { interpretPlanRows, selectLotsToCreate } from './interpret.js';
export { parsePlanCsv } from './read-csv.js';
export { parsePlanXlsx, type PlanXlsxOptions } from './read-xlsx.js';
export {
  readAmountCell,
  type AmountCellReading,
  type Figure,
  type TerritoryLine,
} from './amounts.js';
export { parseDecimalDigits, toMinorUnits } from './money.js';
export { readDuration } from './duration.js';
export { readEligibility } from './eligibility.js';
export { extractIndicatorTargets } from './indicators.js';
export { readTerritoryText, recogniseTerritory } from './territories.js';

export type PlanFileFormat = 'csv' | 'xlsx';

/** XLSX is a ZIP archive: it starts with "PK\x03\x04". Anything else is read as CSV. */
export function detectPlanFormat(input: Uint8Array | string): PlanFileFormat {
  if (typeof input === 'string') return 'csv';
  return input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04
    ? 'xlsx'
    : 'csv';
}

/** Reads and interprets a plan file in one call; the format is detected unless given. */
export async function importPlan(
  input: Buffer | Uint8Array | string,
  options: PlanImportOptions & PlanXlsxOptions & { format?: PlanFileFormat },
): Promise<PlanImportReport> {
  const format = options.format ?? detectPlanFormat(input);
  const sheet =
    format === 'xlsx'
      ? await parsePlanXlsx(typeof input === 'string' ? Buffer.from(input) : input, options)
      : parsePlanCsv(input);
  return interpretPlanRows(sheet, options);
}
