import type { AgreementIndicator } from './agreement.entity.js';
import type { FinancialLine, IndicatorActual, ReportKind } from './report.entity.js';

/**
 * The effectiveness assessment of a closed agreement and the under-target flags of a running
 * one, as pure functions of the agreement and its reports. Reports state cumulative figures
 * (from the agreement's start to the end of their period), so the final report's are the totals.
 */

export interface IndicatorAssessment {
  description: string;
  unit?: string;
  target: number;
  actual: number;
  /** actual ÷ target in percent, 2 decimals; null for a target of 0. */
  achievementPercent: number | null;
  underTarget: boolean;
}

export interface FinancialLineAssessment extends FinancialLine {
  /** spent ÷ planned in percent, 2 decimals; null when nothing was planned. */
  spentPercent: number | null;
}

export interface ReportRecord {
  seq: number;
  kind: ReportKind;
  dueAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  /** Submitted (last time) by its due date. */
  onTime: boolean;
}

/** What the closure act records; its sha-256 is taken over its canonical JSON. */
export interface Assessment {
  lotId: string;
  agreementId: string;
  finalReportId: string;
  closedBy: string;
  /** The database clock when the final report was accepted. */
  closedAt: string;
  agreement: {
    amount: number;
    currency: string;
    periodStart: string;
    periodEnd: string;
  };
  indicators: IndicatorAssessment[];
  underTargetCount: number;
  finances: {
    lines: FinancialLineAssessment[];
    planned: number;
    spent: number;
    /** spent ÷ planned. */
    spentPercent: number | null;
    /** spent ÷ the agreement's value. */
    spentOfAgreementPercent: number | null;
    /** Tranches paid by the closure. */
    paid: number;
  };
  reports: ReportRecord[];
  monitoringVisits: number;
}

/** part ÷ whole in percent with 2 decimals (92.5), or null when the whole is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 10_000) / whole) / 100;
}

export function assessIndicators(
  targets: readonly AgreementIndicator[],
  actuals: readonly IndicatorActual[],
): IndicatorAssessment[] {
  return targets.map((indicator) => {
    const actual =
      actuals.find((entry) => entry.description === indicator.description)?.actual ?? 0;
    return {
      description: indicator.description,
      ...(indicator.unit === undefined ? {} : { unit: indicator.unit }),
      target: indicator.target,
      actual,
      achievementPercent: percent(actual, indicator.target),
      underTarget: actual < indicator.target,
    };
  });
}

export function assessFinances(
  lines: readonly FinancialLine[],
  agreementAmount: number,
  paid: number,
): Assessment['finances'] {
  const planned = lines.reduce((sum, line) => sum + line.planned, 0);
  const spent = lines.reduce((sum, line) => sum + line.spent, 0);
  return {
    lines: lines.map((line) => ({ ...line, spentPercent: percent(line.spent, line.planned) })),
    planned,
    spent,
    spentPercent: percent(spent, planned),
    spentOfAgreementPercent: percent(spent, agreementAmount),
    paid,
  };
}

export interface UnderTargetIndicator {
  reportSeq: number;
  description: string;
  unit?: string;
  target: number;
  /** What the time elapsed by the end of the report's period calls for: the target, pro rata. */
  expected: number;
  actual: number;
}

/**
 * Indicators of an accepted report that fall short: of the target in the final report, of the
 * target's share for the time elapsed in an interim one (25 over a year is 6.25 after a quarter).
 */
export function underTargetIndicators(
  agreement: { periodStart: string; periodEnd: string },
  report: { seq: number; periodEnd: string; indicatorActuals: readonly IndicatorActual[] },
): UnderTargetIndicator[] {
  const total = daysBetween(agreement.periodStart, agreement.periodEnd) + 1;
  const elapsed = Math.min(total, daysBetween(agreement.periodStart, report.periodEnd) + 1);
  return report.indicatorActuals.flatMap((indicator) => {
    const expected = Math.round((indicator.target * elapsed * 100) / total) / 100;
    if (indicator.actual >= expected) return [];
    return [
      {
        reportSeq: report.seq,
        description: indicator.description,
        ...(indicator.unit === undefined ? {} : { unit: indicator.unit }),
        target: indicator.target,
        expected,
        actual: indicator.actual,
      },
    ];
  });
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
