import { describe, expect, it } from '@jest/globals';
import { CalendarDataError } from '../../../src/common/calendar/index.js';
import {
  agreementIndicators,
  defaultTranches,
  planTranches,
  scheduleReports,
  tranchePlanProblems,
} from '../../../src/reporting/agreement-terms.js';
import {
  assessFinances,
  assessIndicators,
  percent,
  underTargetIndicators,
} from '../../../src/reporting/assessment.js';

const KYIV = { zone: 'Europe/Kyiv', counting: 'calendar', country: 'UA' } as const;
const ALMATY = { zone: 'Asia/Almaty', counting: 'working', country: 'KZ' } as const;

describe('scheduleReports', () => {
  it('gives a 12-month grant three quarterly interim reports and a final one for the last quarter', () => {
    const reports = scheduleReports(
      { start: '2027-01-01', end: '2027-12-31' },
      { interimEveryMonths: 3, dueDaysAfterPeriod: 15 },
      KYIV,
    );
    expect(reports.map((r) => [r.seq, r.kind, r.periodStart, r.periodEnd])).toEqual([
      [1, 'interim', '2027-01-01', '2027-03-31'],
      [2, 'interim', '2027-04-01', '2027-06-30'],
      [3, 'interim', '2027-07-01', '2027-09-30'],
      [4, 'final', '2027-10-01', '2027-12-31'],
    ]);
    // The end of the 15th day after, in Kyiv: summer time in April, winter time in January.
    expect(reports[0].dueAt.toISOString()).toBe('2027-04-15T20:59:59.999Z');
    expect(reports[3].dueAt.toISOString()).toBe('2028-01-15T21:59:59.999Z');
  });

  it('puts a shorter last stretch into the final report when the period is not whole quarters', () => {
    const reports = scheduleReports(
      { start: '2027-01-31', end: '2027-05-15' },
      { interimEveryMonths: 1, dueDaysAfterPeriod: 0 },
      KYIV,
    );
    // Months are counted from the start (31 January plus one is 28 February); no day is lost.
    expect(reports.map((r) => [r.kind, r.periodStart, r.periodEnd])).toEqual([
      ['interim', '2027-01-31', '2027-02-27'],
      ['interim', '2027-02-28', '2027-03-30'],
      ['interim', '2027-03-31', '2027-04-29'],
      ['final', '2027-04-30', '2027-05-15'],
    ]);
    expect(reports[3].dueAt.toISOString()).toBe('2027-05-15T20:59:59.999Z');
  });

  it('counts working days with the country’s holidays when the profile does', () => {
    const [report] = scheduleReports(
      { start: '2027-01-01', end: '2027-03-19' },
      { interimEveryMonths: 6, dueDaysAfterPeriod: 2 },
      ALMATY,
    );
    // Friday 19 March, the weekend, Nauryz off 22–24 March (21 March is a Sunday): 25, then 26.
    expect(report.kind).toBe('final');
    expect(report.dueAt.toISOString()).toBe('2027-03-26T18:59:59.999Z');
  });

  it('throws CalendarDataError when a working-day due date falls beyond the calendar', () => {
    expect(() =>
      scheduleReports(
        { start: '2028-01-01', end: '2028-03-31' },
        { interimEveryMonths: 3, dueDaysAfterPeriod: 10 },
        ALMATY,
      ),
    ).toThrow(CalendarDataError);
  });
});

describe('tranche plan', () => {
  it('splits the value by share and gives the last tranche what rounding left', () => {
    const plan = planTranches(1_000_001, [
      { share: 33, due: 'onSigning' },
      { share: 33, due: 'afterReport', reportSeq: 1 },
      { share: 34, due: 'afterReport', reportSeq: 2 },
    ]);
    expect(plan.map((tranche) => tranche.amount)).toEqual([330_000, 330_000, 340_001]);
    expect(plan.reduce((sum, tranche) => sum + tranche.amount, 0)).toBe(1_000_001);
    expect(plan[0]).not.toHaveProperty('reportSeq');
  });

  it('pays half on signing and half after the final report by default', () => {
    expect(defaultTranches(4)).toEqual([
      { share: 50, due: 'onSigning' },
      { share: 50, due: 'afterReport', reportSeq: 4 },
    ]);
    expect(tranchePlanProblems(defaultTranches(4), 4)).toEqual([]);
  });

  it('names every problem when the shares or the reports do not fit', () => {
    expect(
      tranchePlanProblems(
        [
          { share: 60, due: 'onSigning', reportSeq: 1 },
          { share: 30, due: 'afterReport', reportSeq: 5 },
          { share: 5, due: 'afterReport' },
        ],
        4,
      ),
    ).toEqual([
      "the tranches' shares add up to 95%, not 100%",
      'tranche 1 is due on signing and waits for no report',
      'tranche 2 must name a report from 1 to 4 as reportSeq',
      'tranche 3 must name a report from 1 to 4 as reportSeq',
    ]);
  });
});

describe('agreementIndicators', () => {
  it('keeps the lot’s targets, adds the commitments and holds the higher of two', () => {
    expect(
      agreementIndicators(
        [
          { description: 'children placed', target: 20, unit: 'children' },
          { description: 'families visited', target: 50 },
        ],
        [
          { description: ' Children placed ', target: 25 },
          { description: 'families visited', target: 40, unit: 'families' },
          { description: 'trainings held', target: 4 },
        ],
      ),
    ).toEqual([
      { description: 'children placed', target: 25, unit: 'children' },
      { description: 'families visited', target: 50, unit: 'families' },
      { description: 'trainings held', target: 4 },
    ]);
  });
});

describe('assessment', () => {
  it('rounds percentages to two decimals and has none for a whole of 0', () => {
    expect(percent(23, 25)).toBe(92);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(5, 0)).toBeNull();
  });

  it('compares each indicator’s actual with its target, 0 for one not reported', () => {
    expect(
      assessIndicators(
        [
          { description: 'children placed', target: 25, unit: 'children' },
          { description: 'trainings held', target: 0 },
          { description: 'families visited', target: 50 },
        ],
        [
          { description: 'children placed', target: 25, actual: 23 },
          { description: 'trainings held', target: 0, actual: 2 },
        ],
      ),
    ).toEqual([
      {
        description: 'children placed',
        unit: 'children',
        target: 25,
        actual: 23,
        achievementPercent: 92,
        underTarget: true,
      },
      {
        description: 'trainings held',
        target: 0,
        actual: 2,
        achievementPercent: null,
        underTarget: false,
      },
      {
        description: 'families visited',
        target: 50,
        actual: 0,
        achievementPercent: 0,
        underTarget: true,
      },
    ]);
  });

  it('sums spending against the budget and the agreement’s value', () => {
    const finances = assessFinances(
      [
        { budgetItem: 'Rent', planned: 600_000, spent: 600_000 },
        { budgetItem: 'Salaries', planned: 400_000, spent: 300_000 },
      ],
      1_200_000,
      500_000,
    );
    expect(finances).toMatchObject({
      planned: 1_000_000,
      spent: 900_000,
      spentPercent: 90,
      spentOfAgreementPercent: 75,
      paid: 500_000,
    });
    expect(finances.lines.map((line) => line.spentPercent)).toEqual([100, 75]);
  });

  it('flags an interim indicator below the target’s share for the time elapsed', () => {
    const agreement = { periodStart: '2027-01-01', periodEnd: '2027-12-31' };
    const actuals = [
      { description: 'children placed', target: 24, actual: 5, unit: 'children' },
      { description: 'families visited', target: 100, actual: 25 },
    ];
    // 90 of 365 days: 24 call for 5.92, 100 for 24.66.
    expect(
      underTargetIndicators(agreement, {
        seq: 1,
        periodEnd: '2027-03-31',
        indicatorActuals: actuals,
      }),
    ).toEqual([
      {
        reportSeq: 1,
        description: 'children placed',
        unit: 'children',
        target: 24,
        expected: 5.92,
        actual: 5,
      },
    ]);
    expect(
      underTargetIndicators(agreement, {
        seq: 4,
        periodEnd: '2027-12-31',
        indicatorActuals: [{ description: 'families visited', target: 100, actual: 99 }],
      }),
    ).toEqual([
      { reportSeq: 4, description: 'families visited', target: 100, expected: 100, actual: 99 },
    ]);
  });
});
