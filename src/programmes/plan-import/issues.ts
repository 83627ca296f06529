import type { PlanIssue, PlanIssueCode, PlanIssueField, PlanIssueSeverity } from './types.js';

/**
 * How much each issue weighs. An error blocks its row, and so an all-or-nothing import; a
 * warning is shown and does not block. The rule: an error is anything that leaves a lot's money,
 * number, theme, eligibility or duration in doubt, because a lot created from it would carry a
 * figure nobody wrote or chose. A warning is something worth a look that changes no figure
 * (a territory named in the territory column without an amount, a missing stated total).
 */
export const ISSUE_SEVERITY: Record<PlanIssueCode, PlanIssueSeverity> = {
  file_empty: 'error',
  file_unreadable: 'error',
  file_encoding: 'warning',
  too_many_rows: 'error',
  header_not_found: 'error',
  // an optional column (recipients, goals…) missing is downgraded to a warning where raised
  missing_column: 'error',
  duplicate_column: 'error',
  unknown_column: 'warning',
  no_lots: 'error',
  row_ignored: 'warning',
  grand_total_mismatch: 'error',
  lot_number_missing: 'error',
  lot_number_invalid: 'error',
  duplicate_lot_number: 'error',
  section_mismatch: 'warning',
  theme_missing: 'error',
  eligibility_missing: 'error',
  eligibility_unrecognised: 'warning',
  duration_missing: 'warning',
  duration_unparsed: 'error',
  duration_out_of_range: 'error',
  amount_missing: 'error',
  amount_unparsed: 'error',
  amount_unit_suspect: 'error',
  amount_precision: 'error',
  amount_out_of_range: 'error',
  currency_mismatch: 'error',
  stated_total_missing: 'warning',
  stated_total_ambiguous: 'error',
  stated_total_mismatch: 'error',
  district_subtotal_mismatch: 'error',
  duplicate_territory: 'error',
  territory_unrecognised: 'warning',
  territory_without_amount: 'warning',
  territory_not_listed: 'warning',
  territory_count_mismatch: 'warning',
};

export type IssueDetails = Omit<PlanIssue, 'code' | 'severity' | 'field' | 'message'> & {
  severity?: PlanIssueSeverity;
};

export function planIssue(
  code: PlanIssueCode,
  field: PlanIssueField,
  message: string,
  details: IssueDetails = {},
): PlanIssue {
  const { severity, ...rest } = details;
  return { code, severity: severity ?? ISSUE_SEVERITY[code], field, ...rest, message };
}
