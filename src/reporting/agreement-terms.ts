import { DateTime } from 'luxon';
import type { IndicatorTarget } from '../lots/lot.entity.js';
import {
  addDays,
  addWorkingDays,
  endOfLocalDay,
  type LocalDate,
} from '../common/calendar/index.js';
import type { DeadlineCalendar } from '../deadlines/deadline-calendar.js';
import type {
  AgreementIndicator,
  AgreementSchedule,
  Tranche,
  TrancheDue,
} from './agreement.entity.js';
import type { ReportKind } from './report.entity.js';

/**
 * The terms an agreement is drafted with, as pure functions: the reports' periods and due dates,
 * the tranche amounts, the indicator targets. Nothing here reads a clock or a database.
 */

/** The lot_deadlines kind of a report's due date. */
export const reportDeadlineKind = (seq: number) => `report-${seq}`;

export interface ScheduledReport {
  seq: number;
  kind: ReportKind;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  /** The end of the due day in the programme's zone. */
  dueAt: Date;
}

/**
 * An interim report for each whole period of `interimEveryMonths` that ends before the
 * agreement does, then the final report for the rest: 12 months by quarters give three interim
 * reports and a final one for the last quarter. Each is due at the end of the day
 * `dueDaysAfterPeriod` days (the profile's counting) after its period ends, in the buyer's zone.
 */
export function scheduleReports(
  period: { start: LocalDate; end: LocalDate },
  schedule: Pick<AgreementSchedule, 'interimEveryMonths' | 'dueDaysAfterPeriod'>,
  calendar: DeadlineCalendar,
): ScheduledReport[] {
  const reports: Omit<ScheduledReport, 'dueAt'>[] = [];
  let start = period.start;
  for (let months = schedule.interimEveryMonths; ; months += schedule.interimEveryMonths) {
    const end = addDays(addMonths(period.start, months), -1);
    if (end >= period.end) break;
    reports.push({ seq: reports.length + 1, kind: 'interim', periodStart: start, periodEnd: end });
    start = addDays(end, 1);
  }
  reports.push({
    seq: reports.length + 1,
    kind: 'final',
    periodStart: start,
    periodEnd: period.end,
  });
  return reports.map((report) => ({
    ...report,
    dueAt: endOfLocalDay(
      dueDay(report.periodEnd, schedule.dueDaysAfterPeriod, calendar),
      calendar.zone,
    ),
  }));
}

function addMonths(date: LocalDate, months: number): LocalDate {
  // Clamped to the month's last day: 31 January plus one month is 28 (or 29) February.
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate() as LocalDate;
}

function dueDay(periodEnd: LocalDate, days: number, calendar: DeadlineCalendar): LocalDate {
  if (days === 0) return periodEnd;
  return calendar.counting === 'working'
    ? addWorkingDays(periodEnd, days, calendar.country)
    : addDays(periodEnd, days);
}

/** A tranche as the buyer states it: a share in percent and when it falls due. */
export interface TrancheTerms {
  share: number;
  due: TrancheDue;
  reportSeq?: number;
}

/** 50% on signing, 50% once the final report is accepted. */
export function defaultTranches(finalReportSeq: number): TrancheTerms[] {
  return [
    { share: 50, due: 'onSigning' },
    { share: 50, due: 'afterReport', reportSeq: finalReportSeq },
  ];
}

/**
 * What is wrong with a tranche plan, in words, or nothing: the shares must add up to 100 and a
 * tranche due after a report must name one of the schedule's reports (and only such a tranche).
 */
export function tranchePlanProblems(terms: readonly TrancheTerms[], reportCount: number): string[] {
  const problems: string[] = [];
  const total = terms.reduce((sum, tranche) => sum + tranche.share, 0);
  if (total !== 100) problems.push(`the tranches' shares add up to ${total}%, not 100%`);
  terms.forEach((tranche, index) => {
    const seq = index + 1;
    if (tranche.due === 'afterReport') {
      const report = tranche.reportSeq;
      if (report === undefined || report < 1 || report > reportCount) {
        problems.push(`tranche ${seq} must name a report from 1 to ${reportCount} as reportSeq`);
      }
    } else if (tranche.reportSeq !== undefined) {
      problems.push(`tranche ${seq} is due on signing and waits for no report`);
    }
  });
  return problems;
}

/** The plan with each tranche's amount: its share, rounded down; the last takes the remainder. */
export function planTranches(amount: number, terms: readonly TrancheTerms[]): Tranche[] {
  let left = BigInt(amount);
  return terms.map((tranche, index) => {
    const last = index === terms.length - 1;
    // BigInt: a value in minor units times a percent may pass 2^53.
    const share = last ? left : (BigInt(amount) * BigInt(tranche.share)) / 100n;
    left -= share;
    return {
      seq: index + 1,
      share: tranche.share,
      amount: Number(share),
      due: tranche.due,
      ...(tranche.due === 'afterReport' ? { reportSeq: tranche.reportSeq } : {}),
    };
  });
}

/**
 * The agreement's indicators: the lot's targets, then the application's commitments the lot
 * does not name already (by description); where both name one, the higher target holds, and
 * the unit either states.
 */
export function agreementIndicators(
  lotTargets: readonly IndicatorTarget[],
  commitments: readonly IndicatorTarget[],
): AgreementIndicator[] {
  const indicators = new Map<string, AgreementIndicator>();
  for (const indicator of [...lotTargets, ...commitments]) {
    const key = indicator.description.trim().toLowerCase();
    const known = indicators.get(key);
    if (!known) {
      indicators.set(key, { ...indicator, description: indicator.description.trim() });
      continue;
    }
    const unit = known.unit ?? indicator.unit;
    indicators.set(key, {
      description: known.description,
      target: Math.max(known.target, indicator.target),
      ...(unit === undefined ? {} : { unit }),
    });
  }
  return [...indicators.values()];
}
