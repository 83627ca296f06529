import type { AmountUnit } from '../../common/money.js';

/**
 * Types of the plan import: a programme plan table (one row per lot, as in seed 001, the Kyrgyz
 * Ministry of Labour plan for 2019) read from CSV or XLSX into a report that says, row by row,
 * what would be created and what does not add up. Money is always integer minor units.
 */

/** The columns a plan table has; matched from its header row (Russian or English). */
export const PLAN_COLUMNS = [
  'number',
  'theme',
  'executors',
  'recipients',
  'goals',
  'tasks',
  'territory',
  'duration',
  'maxAmount',
  'expectedResults',
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Columns without which no lot can be built: their absence blocks the whole import. */
export const REQUIRED_PLAN_COLUMNS: readonly PlanColumn[] = [
  'number',
  'theme',
  'executors',
  'maxAmount',
];

/** The scale a figure is written in; money of every module shares it. */
export type { AmountUnit };

/** One row of cells as read from a file, before any interpretation. */
export interface RawPlanRow {
  /** 1-based: the CSV record number or the worksheet row number. */
  rowNumber: number;
  cells: string[];
}

/** What a reader (CSV or XLSX) produced: rows, plus anything wrong with the file itself. */
export interface PlanSheet {
  rows: RawPlanRow[];
  issues: PlanIssue[];
}

export type PlanIssueSeverity = 'error' | 'warning';

export type PlanIssueCode =
  // the file
  | 'file_empty'
  | 'file_unreadable'
  | 'file_encoding'
  | 'too_many_rows'
  | 'header_not_found'
  | 'missing_column'
  | 'duplicate_column'
  | 'unknown_column'
  | 'no_lots'
  | 'row_ignored'
  | 'grand_total_mismatch'
  // a lot row
  | 'lot_number_missing'
  | 'lot_number_invalid'
  | 'duplicate_lot_number'
  | 'section_mismatch'
  | 'theme_missing'
  | 'eligibility_missing'
  | 'eligibility_unrecognised'
  | 'duration_missing'
  | 'duration_unparsed'
  | 'duration_out_of_range'
  // amounts
  | 'amount_missing'
  | 'amount_unparsed'
  | 'amount_unit_suspect'
  | 'amount_precision'
  | 'amount_out_of_range'
  | 'currency_mismatch'
  | 'stated_total_missing'
  | 'stated_total_ambiguous'
  | 'stated_total_mismatch'
  | 'district_subtotal_mismatch'
  // territories
  | 'duplicate_territory'
  | 'territory_unrecognised'
  | 'territory_without_amount'
  | 'territory_not_listed'
  | 'territory_count_mismatch';

/** Where an issue sits: a column of the row, the row as a whole, or the file. */
export type PlanIssueField = PlanColumn | 'row' | 'file';

/** A reading of a figure in one unit: what it amounts to, and how far off that leaves a check. */
export interface AmountInterpretation {
  unit: AmountUnit;
  /** True for the unit the figure was read in (written on it, or the file's unit). */
  asWritten: boolean;
  /** Minor units under this reading. */
  minor: number;
  /** For a failed check: this reading's total minus the stated one, in minor units. */
  difference?: number;
}

export interface PlanIssue {
  /** Stable and machine-readable. */
  code: PlanIssueCode;
  /** An error blocks the row (and so an all-or-nothing import); a warning does not. */
  severity: PlanIssueSeverity;
  field: PlanIssueField;
  /** Absent for issues of the file as a whole. */
  rowNumber?: number;
  lotNumber?: string;
  /** The territory the issue is about, as written. */
  territory?: string;
  /** The text as written in the file. */
  raw?: string;
  /** What the check expected (for amounts: minor units). */
  expected?: number | string;
  /** What was found (for amounts: minor units). */
  actual?: number | string;
  /** actual − expected, in minor units. */
  difference?: number;
  /** For a figure whose unit is in doubt: each reading, none of them chosen. */
  interpretations?: AmountInterpretation[];
  /** For humans, in English. */
  message: string;
}

/** A figure as read from a cell. */
export interface ParsedAmount {
  /** The figure with its unit, as written, e.g. "1 333,0 тыс. сом". */
  raw: string;
  /** The figure as a plain decimal string, e.g. "1333.0". */
  value: string;
  unit: AmountUnit;
  /** 'written': on the figure; 'cell': from the other figures of its cell; 'default': the file's. */
  unitSource: 'written' | 'cell' | 'default';
  /** Minor units of the currency. */
  minor: number;
}

/** "(2 р-на – 886,0 тыс. сом)" after a territory's figure: the figure is per district. */
export interface DistrictBreakdown {
  count: number;
  perDistrict: ParsedAmount;
  subtotal: ParsedAmount;
}

export interface ParsedTerritory {
  /** As written, e.g. "Ошская обл.", "Джалал-Абад. обл.", "г. Бишкек". */
  name: string;
  /** ISO 3166-2 code when recognised, e.g. "KG-O" (Osh oblast), "KG-GO" (Osh city). */
  code: string | null;
  /** The most this territory's grant may be, in minor units (its subtotal when per district). */
  maxAmount: number;
  amount: ParsedAmount;
  districts?: DistrictBreakdown;
}

export interface ParsedIndicatorTarget {
  /** The clause the figure stands in, e.g. "предоставление услуг временного пребывания 25 детям…". */
  description: string;
  target: number;
  /** What is counted, as written after the figure, e.g. "детям", "пожилых граждан". */
  unit: string;
  /** "По 25 …": the target applies to each territory. */
  perTerritory: boolean;
  field: 'goals' | 'tasks' | 'expectedResults';
}

export interface ParsedDuration {
  /** As written, e.g. "До 12 мес.". */
  raw: string;
  months: number;
  /** "до 6 мес.": up to that many months. */
  upTo: boolean;
}

export interface ParsedLot {
  /** As numbered in the plan, e.g. "1.3". */
  number: string;
  /** The heading the lot stands under, e.g. "1. Создание услуг для семей и детей…". */
  section: string | null;
  theme: string;
  /** As written, e.g. "НКО". */
  executors: string | null;
  /** Who may apply, from the executors: ['ngo'] for "НКО". */
  eligibility: string[];
  recipients: string | null;
  goals: string | null;
  tasks: string | null;
  /** The territory column as written, e.g. "7 областей республики". */
  territoryText: string | null;
  territories: ParsedTerritory[];
  /** Sum of the territories' maxima (or the single figure of a cell without territories). */
  maxAmount: number | null;
  /** "(Всего-8475,7 тыс. сом)". */
  statedTotal: ParsedAmount | null;
  currency: string;
  /** The amount cell as written. */
  amountText: string;
  duration: ParsedDuration | null;
  durationMonths: number | null;
  expectedResults: string | null;
  indicatorTargets: ParsedIndicatorTarget[];
}

/** A lot that can be created: its row has no error, so its amount is known. */
export type ImportableLot = ParsedLot & { maxAmount: number };

export type PlanRowStatus = 'ok' | 'warning' | 'error';

export interface PlanImportRow {
  rowNumber: number;
  lotNumber: string | null;
  /** 'error' when any issue of the row is an error; such a row is never created. */
  status: PlanRowStatus;
  /** The lot as read; present on error rows too so that their figures can be shown. */
  lot?: ParsedLot;
  issues: PlanIssue[];
}

export interface PlanSection {
  rowNumber: number;
  /** "1" for "1. Создание услуг…", null when the heading has no number. */
  number: string | null;
  title: string;
}

export interface PlanImportSummary {
  /** Rows read as lots. */
  lots: number;
  okRows: number;
  warningRows: number;
  errorRows: number;
  errors: number;
  warnings: number;
  /** How many issues of each code, over the file and all rows. */
  issuesByCode: Partial<Record<PlanIssueCode, number>>;
  /** Sum of every lot's maximum as read, in minor units (error rows included); null beyond 2^53. */
  totalMaxAmount: number | null;
  /** Sum of the lots' stated totals, in minor units (lots without one add nothing); null beyond 2^53. */
  totalStated: number | null;
}

export interface PlanImportReport {
  currency: string;
  /** The unit figures without a written unit are read in. */
  unit: AmountUnit;
  headerRowNumber: number | null;
  /** Which column each field was found in (0-based). */
  columns: Partial<Record<PlanColumn, number>>;
  /** Non-empty rows above the header (title, approval stamp…), as text. */
  preamble: string[];
  sections: PlanSection[];
  rows: PlanImportRow[];
  /** Issues of the file as a whole (and of a grand-total row). */
  issues: PlanIssue[];
  /** All-or-nothing: true when there is at least one lot and no error anywhere. */
  importable: boolean;
  /** What `?partial=true` would create: every row without an error, unless the file is unusable. */
  partial: {
    possible: boolean;
    rowNumbers: number[];
    lotNumbers: string[];
    /** Sum of their maxima, in minor units; null beyond 2^53. */
    maxAmount: number | null;
  };
  summary: PlanImportSummary;
}

export interface PlanImportOptions {
  /** ISO 4217, e.g. "KGS". */
  currency: string;
  /** The unit of figures written without one; seed 001 writes thousands of som. */
  unit: AmountUnit;
  /** Digits of the minor unit; by default from the currency (2 for KGS). */
  minorDigits?: number;
  /**
   * A figure this many times above (or below) the median of its lot's figures (of the file's, for
   * a lot of fewer than three), and within tenfold of that median when read 1000 times smaller
   * (or larger), is reported as amount_unit_suspect. Default 300: the amounts of one plan differ
   * by up to ~13 times in seed 001, a unit slip is 1000 times.
   */
  suspectRatio?: number;
  /** Rows above this number make the file unreadable. Default 5000. */
  maxRows?: number;
}
