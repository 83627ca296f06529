import { totalMethodOf, totalScale } from '../evaluation/scoring/score-sheet.js';
import { canonicalJson } from '../common/canonical-json.js';
import { definedFields } from '../common/objects.js';
import type { Lot } from '../lots/lot.entity.js';
import {
  AMENDABLE_FIELDS,
  type AmendableField,
  type CallAnnouncement,
  type Criterion,
  type RequiredDocument,
} from './call-announcement.entity.js';
import { callError, type FieldProblem } from './calls.errors.js';
import type { CallAnnouncementFields, CallChanges } from './dto/call.dto.js';

/** What an announcement says, as stored: every field an amendment may change. */
export type Announcement = Pick<CallAnnouncement, AmendableField>;

function criterionOf(input: NonNullable<CallAnnouncementFields['criteria']>[number]): Criterion {
  return {
    code: input.code,
    title: definedFields({ ...input.title }),
    maxPoints: input.maxPoints,
    weight: input.weight ?? 1,
    minimum: input.minimum ?? null,
    naAllowed: input.naAllowed,
  };
}

function documentOf(
  input: NonNullable<CallAnnouncementFields['requiredDocuments']>[number],
): RequiredDocument {
  return {
    code: input.code,
    title: definedFields({ ...input.title }),
    mimeTypes: [...new Set(input.mimeTypes ?? [])],
  };
}

/** The stated fields in their stored shape (defaults filled in where a field is given). */
export function announcementChanges(input: CallChanges): Partial<Announcement> {
  return definedFields({
    description: input.description,
    criteria: input.criteria?.map(criterionOf),
    tieRule: input.tieRule,
    priorityCriterion: input.priorityCriterion,
    thresholds: input.thresholds && definedFields({ minTotal: input.thresholds.minTotal }),
    eligibility: input.eligibility && [...new Set(input.eligibility)],
    requiredDocuments: input.requiredDocuments?.map(documentOf),
    maxAmount: input.maxAmount,
  });
}

/** A first announcement: what the buyer left out comes from the lot's plan. */
export function firstAnnouncement(input: CallAnnouncementFields, lot: Lot): Announcement {
  return {
    description: null,
    priorityCriterion: null,
    thresholds: {},
    eligibility: [...lot.eligibility],
    requiredDocuments: [],
    maxAmount: lot.maxAmount,
    ...announcementChanges(input),
    criteria: input.criteria.map(criterionOf),
    tieRule: input.tieRule,
  };
}

/** What a published version says (without its version number, note or author). */
export function announcementOf(version: CallAnnouncement): Announcement {
  const { description, criteria, tieRule, priorityCriterion, thresholds } = version;
  const { eligibility, requiredDocuments, maxAmount } = version;
  return {
    description,
    criteria,
    tieRule,
    priorityCriterion,
    thresholds,
    eligibility,
    requiredDocuments,
    maxAmount,
  };
}

/**
 * The announcement after an amendment: given fields replace the previous ones (lists as a
 * whole). A new tie rule drops the previous priority criterion unless the amendment names one.
 */
export function amended(previous: Announcement, changes: Partial<Announcement>): Announcement {
  const next = { ...previous, ...changes };
  if (changes.tieRule !== undefined && changes.priorityCriterion === undefined) {
    next.priorityCriterion = null;
  }
  return next;
}

/** The fields whose value differs (jsonb re-orders keys: compared as canonical JSON). */
export function changedFields(previous: Announcement, next: Announcement): AmendableField[] {
  return AMENDABLE_FIELDS.filter(
    (field) => canonicalJson(previous[field]) !== canonicalJson(next[field]),
  );
}

/** What makes an announcement inconsistent in itself, each named by its field. */
export function announcementProblems(announcement: Announcement, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ field: `${prefix}${field}`, messages: [message] });
  const { criteria, tieRule, priorityCriterion, thresholds, requiredDocuments } = announcement;

  const codes = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (codes.has(criterion.code)) {
      problem(`criteria.${index}.code`, `criterion code ${criterion.code} appears more than once`);
    }
    codes.add(criterion.code);
    if (criterion.minimum !== null && criterion.minimum > criterion.maxPoints) {
      problem(
        `criteria.${index}.minimum`,
        `minimum ${criterion.minimum} is above maxPoints ${criterion.maxPoints}`,
      );
    }
  });
  if (tieRule === 'priorityCriterion' && priorityCriterion === null) {
    problem('priorityCriterion', 'priorityCriterion is required with tieRule priorityCriterion');
  }
  if (tieRule !== 'priorityCriterion' && priorityCriterion !== null) {
    problem('priorityCriterion', 'priorityCriterion is given only with tieRule priorityCriterion');
  }
  if (priorityCriterion !== null && !codes.has(priorityCriterion)) {
    problem(
      'priorityCriterion',
      `priorityCriterion ${priorityCriterion} is not among the criteria`,
    );
  }
  // minTotal is on the scale the commission's totals are computed on (see scoring).
  const reachable = totalScale(criteria, totalMethodOf(criteria));
  if (thresholds.minTotal !== undefined && thresholds.minTotal > reachable) {
    problem(
      'thresholds.minTotal',
      `minTotal ${thresholds.minTotal} is above the most an application can score (${reachable})`,
    );
  }
  const documents = new Set<string>();
  requiredDocuments.forEach((document, index) => {
    if (documents.has(document.code)) {
      problem(
        `requiredDocuments.${index}.code`,
        `document code ${document.code} appears more than once`,
      );
    }
    documents.add(document.code);
  });
  return problems;
}

/** Refuses an announcement inconsistent in itself (every field named) or beyond the lot's plan. */
export function assertAnnouncement(announcement: Announcement, lot: Lot, prefix = ''): void {
  const problems = announcementProblems(announcement, prefix);
  if (problems.length > 0) throw callError.invalid(problems);
  if (announcement.maxAmount > lot.maxAmount) {
    throw callError.amountAboveLotMaximum(announcement.maxAmount, lot.maxAmount);
  }
  const beyond = announcement.eligibility.filter((kind) => !lot.eligibility.includes(kind));
  if (beyond.length > 0) throw callError.eligibilityBeyondLot(beyond, lot.eligibility);
}
