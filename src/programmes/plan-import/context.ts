/** What every step of the interpretation shares: the options, checked, and the row's issues. */
import { formatAmount, formatMinor, minorDigitsOf, UNIT_EXPONENT } from '../../common/money.js';
import type { AmountUnit, PlanImportOptions, PlanIssue } from './types.js';

export interface Context {
  currency: string;
  unit: AmountUnit;
  minorDigits: number;
  suspectRatio: bigint;
  maxRows: number;
}

export function contextOf(options: PlanImportOptions): Context {
  const minorDigits = options.minorDigits ?? minorDigitsOf(options.currency);
  if (!Number.isInteger(minorDigits) || minorDigits < 0 || minorDigits > 4) {
    throw new RangeError(`minorDigits must be an integer from 0 to 4, got ${minorDigits}`);
  }
  if (!(options.unit in UNIT_EXPONENT)) throw new RangeError(`unknown unit "${options.unit}"`);
  const ratio = options.suspectRatio ?? 300;
  if (!Number.isInteger(ratio) || ratio < 2) {
    throw new RangeError(`suspectRatio must be an integer of at least 2, got ${ratio}`);
  }
  return {
    currency: options.currency,
    unit: options.unit,
    minorDigits,
    suspectRatio: BigInt(ratio),
    maxRows: options.maxRows ?? 5000,
  };
}

/** Collects the issues of one row, stamping each with the row and lot number. */
export class RowIssues {
  readonly list: PlanIssue[] = [];
  constructor(
    readonly rowNumber: number,
    readonly lotNumber: string | undefined,
  ) {}

  add(issue: PlanIssue): void {
    this.list.push({
      ...issue,
      rowNumber: this.rowNumber,
      ...(this.lotNumber ? { lotNumber: this.lotNumber } : {}),
    });
  }

  get blocking(): boolean {
    return this.list.some((issue) => issue.severity === 'error');
  }
}

/** "8,475.7 thousand KGS (847,570,000 minor units)" */
export function show(minor: number, unit: AmountUnit, context: Context): string {
  return `${formatAmount(minor, unit, context.minorDigits, context.currency)} (${formatMinor(minor)})`;
}
