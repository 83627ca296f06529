import { createHash } from 'node:crypto';
import type { Criterion, LocalizedText, TieRule } from '../calls/call-announcement.entity.js';
import { canonicalJson } from '../common/canonical-json.js';
import { escapeHtml, paragraphs } from '../common/html.js';
import { formatInstant } from '../notifications/templates/render.js';
import { formatAmount, minorDigitsOf } from '../common/money.js';
import type { CommissionOffice, Nominator } from './commission-member.entity.js';
import type { DeclaredLink } from './conflict-declaration.entity.js';
import {
  aggregateApplications,
  DEFAULT_SPREAD_RULE,
  type ApplicationAggregate,
  type ApplicationScores,
  type ApplicationStatus,
  type CriterionAggregate,
  type EvaluationRules,
  type SpreadRule,
  type ThresholdReason,
} from './scoring/aggregation.js';
import { selectAwards } from './scoring/award-selection.js';
import {
  rankApplications,
  type CommissionVote,
  type NotRanked,
  type RankEntry,
  type RankingRules,
} from './scoring/ranking.js';
import { totalMethodOf, totalScale } from './scoring/score-sheet.js';
import type { AggregateMethod, TotalMethod } from './scoring/scoring.types.js';

/**
 * The protocol of one round's meeting: what the commission decided and on what grounds, as JSON
 * that describes itself (every rule it applied is in it) and is locked with the sha-256 of its
 * canonical form. Individual score sheets are never in it: only the aggregates per application.
 * Instants are ISO strings; amounts minor units of `lot.currency`.
 */
export const EVALUATION_PROTOCOL_FORMAT = 'soczakaz.evaluation-protocol/1';

export interface EvaluationProtocolDocument {
  format: typeof EVALUATION_PROTOCOL_FORMAT;
  lot: ProtocolLot;
  round: 1 | 2;
  /** The profile's last round: its ranking decides the award. */
  finalRound: boolean;
  closedAt: string;
  /** The chair who closed the meeting (user id). */
  closedBy: string;
  rules: ProtocolRules;
  commission: ProtocolCommission;
  /** Every admissibility decision on the lot, in order of submission. */
  admissibility: ProtocolAdmissibility[];
  /** The applications this round scored (round 2: round one's shortlist), aggregated. */
  applications: ProtocolApplication[];
  ranking: ProtocolRanking;
  notRanked: NotRanked[];
  /** Round one of two: the applications that go on to round two, in rank order; else null. */
  shortlist: string[] | null;
  /** The final round: the awards decided, in rank order (pending through the standstill). */
  awards: ProtocolAward[];
  /** Every non-recused member submitted a sheet for every application scored. */
  allSheetsSubmitted: boolean;
  /** The scoring deadline passed before the meeting: it closed with the sheets it had. */
  scoringDeadlinePassed: boolean;
  decision: string;
  dissent: ProtocolDissent[];
}

export interface ProtocolLot {
  id: string;
  number: string;
  theme: string;
  programmeId: string;
  programmeTitle: string;
  buyerId: string;
  buyer: string;
  profileId: string;
  currency: string;
  /** The zone its deadlines are counted in, for showing the instants. */
  timeZone: string;
}

export interface ProtocolCriterion {
  code: string;
  title: LocalizedText;
  maxPoints: number;
  weight: number;
  minimum: number | null;
  naAllowed: boolean;
}

export interface ProtocolRules {
  /** The version of the call announcement whose criteria and tie rule were applied. */
  announcementVersion: number;
  criteria: ProtocolCriterion[];
  totalMethod: TotalMethod;
  aggregateMethod: AggregateMethod;
  /** The most a member's total can be. */
  scale: number;
  minTotal: number | null;
  spread: SpreadRule;
  tieRule: TieRule;
  priorityCriterion: string | null;
  /** The ranking orders on the raw aggregate; the z-score aggregate is shown beside it. */
  rankBasis: 'raw';
  /** The most one application may be awarded (the call's maximum amount). */
  maxAmount: number;
}

export interface ProtocolMember {
  userId: string;
  name: string;
  office: CommissionOffice;
  nominatedBy: Nominator | null;
  present: boolean;
  /** Null: the member never declared (and so scored nothing). Empty links: no conflict. */
  declaration: { declaredAt: string; links: DeclaredLink[] } | null;
}

export interface ProtocolCommission {
  size: number;
  present: number;
  quorum: { numerator: number; denominator: number };
  members: ProtocolMember[];
}

export interface ProtocolAdmissibility {
  applicationId: string;
  ngoId: string;
  ngo: string;
  /** Null for an application withdrawn since. */
  submittedAt: string | null;
  decision: 'admitted' | 'rejected';
  reasonCode: string | null;
  reason: string | null;
  decidedAt: string;
}

export interface ProtocolApplication {
  applicationId: string;
  ngoId: string;
  ngo: string;
  submittedAt: string;
  requestedAmount: number;
  status: ApplicationStatus;
  reasons: ThresholdReason[];
  /** The members' totals combined by the aggregate method; null when no sheet counted. */
  aggregate: number | null;
  /** The same over each member's z-scores: beside the raw aggregate, never instead of it. */
  normalisedAggregate: number | null;
  /** Sheets counted. */
  count: number;
  min: number | null;
  max: number | null;
  stddev: number | null;
  highSpread: boolean;
  criteria: CriterionAggregate[];
  /** Members whose sheets did not count (user ids), by why. */
  excluded: { recused: string[]; notSubmitted: string[]; notMember: string[] };
}

export interface ProtocolRanking {
  entries: RankEntry[];
  /** The vote the commission recorded on ties, if any. */
  vote: CommissionVote | null;
}

export interface ProtocolAward {
  applicationId: string;
  ngoId: string;
  rank: number;
  requested: number;
  amount: number;
  splitWith: string[];
}

export interface ProtocolDissent {
  memberUserId: string;
  name: string;
  text: string;
}

/** An application the round scores, with who it is from. */
export interface ScoredApplication {
  applicationId: string;
  ngoId: string;
  ngo: string;
  submittedAt: Date;
  requestedAmount: number;
}

/** A round's scoring as read from the database: everything aggregation needs. */
export interface RoundScoringInput {
  rules: EvaluationRules;
  memberIds: readonly string[];
  applications: readonly Pick<ScoredApplication, 'applicationId' | 'submittedAt'>[];
  /** Application id → the members recused for it. */
  recusals: ReadonlyMap<string, readonly string[]>;
  sheets: readonly {
    applicationId: string;
    memberUserId: string;
    points: ApplicationScores['sheets'][number]['points'];
    submitted: boolean;
  }[];
}

/**
 * The call's criteria as the scoring functions take them. The announcement has no total method
 * of its own (the data model leaves it out), so it follows from the weights: a call that weighs
 * its criteria differently means a weighted total ('weightedMean', 0–100), a call that does not
 * means the plain sum of points. The members' totals are combined by their mean, the default of
 * the evaluation rules. Both are written into every protocol's rules.
 */
export function evaluationRulesOf(announcement: {
  criteria: readonly Criterion[];
  thresholds: { minTotal?: number };
}): EvaluationRules {
  return {
    criteria: announcement.criteria,
    totalMethod: totalMethodOf(announcement.criteria),
    aggregateMethod: 'mean',
    minTotal: announcement.thresholds.minTotal ?? null,
  };
}

/** Aggregates every application of the round over the sheets that count (see aggregation.ts). */
export function aggregateRound(input: RoundScoringInput): ApplicationAggregate[] {
  return aggregateApplications(
    input.memberIds,
    input.applications.map((application) => ({
      applicationId: application.applicationId,
      submittedAt: application.submittedAt,
      recusedMemberIds: input.recusals.get(application.applicationId) ?? [],
      sheets: input.sheets
        .filter((sheet) => sheet.applicationId === application.applicationId)
        .map((sheet) => ({
          memberId: sheet.memberUserId,
          points: sheet.points,
          submitted: sheet.submitted,
        })),
    })),
    input.rules,
  );
}

/** The (application, member) pairs still owed a submitted sheet: non-recused members only. */
export function missingSheets(
  input: Omit<RoundScoringInput, 'rules'>,
): { applicationId: string; memberUserId: string }[] {
  const submitted = new Set(
    input.sheets
      .filter((sheet) => sheet.submitted)
      .map((sheet) => `${sheet.applicationId}/${sheet.memberUserId}`),
  );
  return input.applications.flatMap(({ applicationId }) => {
    const recused = input.recusals.get(applicationId) ?? [];
    return input.memberIds
      .filter((memberUserId) => !recused.includes(memberUserId))
      .filter((memberUserId) => !submitted.has(`${applicationId}/${memberUserId}`))
      .map((memberUserId) => ({ applicationId, memberUserId }));
  });
}

/** What the closing meeting states and what the round's records say. */
export interface ProtocolInput extends RoundScoringInput {
  applications: readonly ScoredApplication[];
  lot: ProtocolLot;
  round: 1 | 2;
  finalRound: boolean;
  /** Round one of two: how many go on (ProcedureProfile.shortlistSize). */
  shortlistSize: number | null;
  closedAt: Date;
  closedBy: string;
  announcement: {
    version: number;
    criteria: readonly Criterion[];
    tieRule: TieRule;
    priorityCriterion: string | null;
    maxAmount: number;
  };
  quorum: { numerator: number; denominator: number };
  members: readonly {
    userId: string;
    name: string;
    office: CommissionOffice;
    nominatedBy: Nominator | null;
  }[];
  declarations: readonly { memberUserId: string; declaredAt: Date; links: DeclaredLink[] }[];
  membersPresent: readonly string[];
  admissibility: readonly {
    applicationId: string;
    ngoId: string;
    ngo: string;
    submittedAt: Date | null;
    decision: 'admitted' | 'rejected';
    reasonCode: string | null;
    reason: string | null;
    decidedAt: Date;
  }[];
  vote: CommissionVote | null;
  scoringDeadlinePassed: boolean;
  decision: string;
  dissent: readonly { memberUserId: string; text: string }[];
  /** Applications whose winner declined an earlier award of this lot: not offered again. */
  declined?: readonly string[];
}

export type ProtocolOutcome =
  | { status: 'closed'; protocol: EvaluationProtocolDocument }
  /** Ties neither the call's rule nor a recorded vote separates: the chair must supply a vote. */
  | { status: 'tieUnresolved'; unresolvedTies: string[][] };

/**
 * Aggregates and ranks the round, picks the shortlist (round one of two) or the awards (final
 * round: one winner, its request within the call's maximum amount), and writes it all down as
 * the protocol, without any member's individual sheet.
 */
export function buildEvaluationProtocol(input: ProtocolInput): ProtocolOutcome {
  const aggregates = aggregateRound(input);
  const rankingRules: RankingRules = {
    tieRule: input.announcement.tieRule,
    priorityCriterion: input.announcement.priorityCriterion,
    vote: input.vote,
  };
  const ranking = rankApplications(aggregates, rankingRules);
  if (ranking.status === 'tieUnresolved') {
    return { status: 'tieUnresolved', unresolvedTies: ranking.unresolvedTies };
  }
  const byId = new Map(input.applications.map((a) => [a.applicationId, a]));
  const applicationOf = (id: string): ScoredApplication => {
    const application = byId.get(id);
    if (!application) throw new Error(`No application ${id} in the round`);
    return application;
  };
  const shortlist =
    input.shortlistSize === null
      ? null
      : ranking.entries
          .filter((entry) => entry.rank <= (input.shortlistSize ?? 0))
          .map((entry) => entry.applicationId);
  const selection =
    input.finalRound && ranking.entries.length > 0
      ? selectAwards({
          ranking,
          requested: Object.fromEntries(
            input.applications.map((a) => [a.applicationId, a.requestedAmount]),
          ),
          budget: input.announcement.maxAmount,
          mode: 'single',
          declined: input.declined ?? [],
        })
      : null;
  const names = new Map(input.members.map((member) => [member.userId, member.name]));
  const declarations = new Map(input.declarations.map((d) => [d.memberUserId, d]));
  const present = new Set(input.membersPresent);

  const protocol: EvaluationProtocolDocument = {
    format: EVALUATION_PROTOCOL_FORMAT,
    lot: input.lot,
    round: input.round,
    finalRound: input.finalRound,
    closedAt: input.closedAt.toISOString(),
    closedBy: input.closedBy,
    rules: {
      announcementVersion: input.announcement.version,
      criteria: input.announcement.criteria.map((criterion) => ({
        code: criterion.code,
        title: criterion.title,
        maxPoints: criterion.maxPoints,
        weight: criterion.weight,
        minimum: criterion.minimum,
        naAllowed: criterion.naAllowed,
      })),
      totalMethod: input.rules.totalMethod,
      aggregateMethod: input.rules.aggregateMethod ?? 'mean',
      scale: totalScale(input.rules.criteria, input.rules.totalMethod),
      minTotal: input.rules.minTotal ?? null,
      spread: { ...DEFAULT_SPREAD_RULE, ...input.rules.spread },
      tieRule: input.announcement.tieRule,
      priorityCriterion: input.announcement.priorityCriterion,
      rankBasis: 'raw',
      maxAmount: input.announcement.maxAmount,
    },
    commission: {
      size: input.members.length,
      present: input.members.filter((member) => present.has(member.userId)).length,
      quorum: { numerator: input.quorum.numerator, denominator: input.quorum.denominator },
      members: input.members.toSorted(byOffice).map((member) => {
        const declaration = declarations.get(member.userId);
        return {
          userId: member.userId,
          name: member.name,
          office: member.office,
          nominatedBy: member.nominatedBy,
          present: present.has(member.userId),
          declaration: declaration
            ? { declaredAt: declaration.declaredAt.toISOString(), links: declaration.links }
            : null,
        };
      }),
    },
    admissibility: input.admissibility.map((decision) => ({
      ...decision,
      submittedAt: decision.submittedAt?.toISOString() ?? null,
      decidedAt: decision.decidedAt.toISOString(),
    })),
    applications: aggregates.map((aggregate): ProtocolApplication => {
      const application = applicationOf(aggregate.applicationId);
      return {
        applicationId: aggregate.applicationId,
        ngoId: application.ngoId,
        ngo: application.ngo,
        submittedAt: aggregate.submittedAt.toISOString(),
        requestedAmount: application.requestedAmount,
        status: aggregate.status,
        reasons: aggregate.reasons,
        aggregate: aggregate.aggregate,
        normalisedAggregate: aggregate.normalisedAggregate,
        count: aggregate.count,
        min: aggregate.min,
        max: aggregate.max,
        stddev: aggregate.stddev,
        highSpread: aggregate.highSpread,
        criteria: aggregate.criteria,
        excluded: aggregate.excluded,
      };
    }),
    ranking: { entries: ranking.entries, vote: input.vote },
    notRanked: ranking.notRanked,
    shortlist,
    awards: (selection?.awards ?? []).map((award) => ({
      applicationId: award.applicationId,
      ngoId: applicationOf(award.applicationId).ngoId,
      rank: award.rank,
      requested: award.requested,
      amount: award.amount,
      splitWith: award.splitWith,
    })),
    allSheetsSubmitted: missingSheets(input).length === 0,
    scoringDeadlinePassed: input.scoringDeadlinePassed,
    decision: input.decision,
    dissent: input.dissent.map((dissent) => ({
      memberUserId: dissent.memberUserId,
      name: names.get(dissent.memberUserId) ?? '',
      text: dissent.text,
    })),
  };
  return { status: 'closed', protocol };
}

const OFFICE_ORDER: readonly CommissionOffice[] = ['chair', 'secretary', 'member'];

/** The chair, the secretary, then the members in the commission's order. */
function byOffice(a: { office: CommissionOffice }, b: { office: CommissionOffice }): number {
  return OFFICE_ORDER.indexOf(a.office) - OFFICE_ORDER.indexOf(b.office);
}

/** sha-256 (hex) over the canonical JSON, so anyone can check a protocol they were given. */
export function evaluationProtocolHash(protocol: EvaluationProtocolDocument): string {
  return createHash('sha256').update(canonicalJson(protocol), 'utf8').digest('hex');
}

// --- HTML ---------------------------------------------------------------------------------------

const OFFICES: Readonly<Record<CommissionOffice, string>> = {
  chair: 'председатель',
  secretary: 'секретарь',
  member: 'член комиссии',
};

const LINKS: Readonly<Record<DeclaredLink['link'], string>> = {
  founder: 'учредитель',
  governingBody: 'член руководящего органа',
  head: 'руководитель',
  paidLast12Months: 'получал оплату за последние 12 месяцев',
  closeFamily: 'близкий родственник',
  other: 'иная связь',
};

const STATUSES: Readonly<Record<ApplicationStatus, string>> = {
  qualified: 'допущена к ранжированию',
  belowThreshold: 'ниже порога',
  unscored: 'не оценена',
};

const TIE_RULE_NAMES: Readonly<Record<TieRule, string>> = {
  earliestSubmission: 'более ранняя подача заявки',
  priorityCriterion: 'более высокий балл по приоритетному критерию',
  commissionVote: 'голосование комиссии',
  splitEqually: 'деление поровну',
};

function number(value: number | null): string {
  return value === null ? '—' : String(value);
}

function titleOf(title: LocalizedText, code: string): string {
  return title.ru ?? Object.values(title).find((text) => text !== undefined) ?? code;
}

function reasonText(reason: ThresholdReason): string {
  return reason.kind === 'minTotal'
    ? `итог ${reason.aggregate} ниже порога ${reason.minTotal}`
    : `средний балл по критерию ${reason.criterion} ${reason.mean} ниже минимума ${reason.minimum}`;
}

/** The protocol as a self-contained page (Russian, like the hearings' protocol); all escaped. */
export function renderEvaluationProtocolHtml(
  protocol: EvaluationProtocolDocument,
  sha256: string,
): string {
  const { lot, rules, commission } = protocol;
  const at = (iso: string) => escapeHtml(formatInstant(new Date(iso), 'ru', lot.timeZone));
  const names = new Map(commission.members.map((member) => [member.userId, member.name]));
  const ngoOf = new Map(
    [...protocol.admissibility, ...protocol.applications].map((a) => [a.applicationId, a.ngo]),
  );
  const ngo = (id: string) => escapeHtml(ngoOf.get(id) ?? id);
  const member = (id: string) => escapeHtml(names.get(id) ?? id);
  const list = (items: string[], empty: string) =>
    items.length > 0 ? `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>` : empty;

  const members = commission.members
    .map((m) => {
      const links = m.declaration?.links ?? [];
      const declared = !m.declaration
        ? 'декларация не подана'
        : links.length === 0
          ? 'конфликта интересов нет'
          : `отвод: ${links
              .map(
                (l) =>
                  `${ngo(l.applicationId)} (${escapeHtml(LINKS[l.link])}${l.note ? `: ${escapeHtml(l.note)}` : ''})`,
              )
              .join('; ')}`;
      return `<tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(OFFICES[m.office])}</td><td>${
        m.present ? 'присутствовал' : 'отсутствовал'
      }</td><td>${declared}</td></tr>`;
    })
    .join('\n');
  const admissibility = protocol.admissibility
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.ngo)}</td><td>${a.submittedAt ? at(a.submittedAt) : '—'}</td><td>${
          a.decision === 'admitted' ? 'допущена' : 'отклонена'
        }</td><td>${a.reasonCode ? `${escapeHtml(a.reasonCode)}: ${paragraphs(a.reason ?? '')}` : ''}</td></tr>`,
    )
    .join('\n');
  const criteriaHeads = rules.criteria
    .map((c) => `<th>${escapeHtml(titleOf(c.title, c.code))}</th>`)
    .join('');
  const scores = protocol.applications
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.ngo)}</td><td>${number(a.aggregate)}</td><td>${number(
          a.normalisedAggregate,
        )}</td><td>${a.count}</td><td>${number(a.min)}–${number(a.max)}</td><td>${number(
          a.stddev,
        )}${a.highSpread ? ' (большой разброс)' : ''}</td>${a.criteria
          .map((c) => `<td>${number(c.mean)}</td>`)
          .join('')}<td>${escapeHtml(STATUSES[a.status])}</td></tr>`,
    )
    .join('\n');
  const ranking = protocol.ranking.entries
    .map(
      (e) =>
        `<tr><td>${e.rank}</td><td>${ngo(e.applicationId)}</td><td>${e.score}</td><td>${
          e.tieBrokenBy ? escapeHtml(TIE_RULE_NAMES[e.tieBrokenBy]) : ''
        }</td></tr>`,
    )
    .join('\n');
  const notRanked = protocol.notRanked.map(
    (n) =>
      `${ngo(n.applicationId)}: ${
        n.reasons.length > 0
          ? n.reasons.map((r) => escapeHtml(reasonText(r))).join('; ')
          : escapeHtml(STATUSES[n.status])
      }`,
  );
  const outcome =
    protocol.shortlist !== null
      ? `<h2>Во второй тур проходят</h2>${list(
          protocol.shortlist.map((id) => ngo(id)),
          '<p>Никто.</p>',
        )}`
      : `<h2>Решение о присуждении</h2>${list(
          protocol.awards.map(
            (a) =>
              `${ngo(a.applicationId)}: ${escapeHtml(
                formatAmount(a.amount, 'units', minorDigitsOf(lot.currency), lot.currency),
              )}`,
          ),
          '<p>Победитель не определён.</p>',
        )}`;
  const dissent = list(
    protocol.dissent.map((d) => `${member(d.memberUserId)}: ${paragraphs(d.text)}`),
    '<p>Особых мнений нет.</p>',
  );
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Протокол заседания конкурсной комиссии — лот ${escapeHtml(lot.number)}, тур ${protocol.round}</title>
</head>
<body>
<h1>Протокол заседания конкурсной комиссии</h1>
<p>Лот ${escapeHtml(lot.number)} «${escapeHtml(lot.theme)}», тур ${protocol.round}</p>
<p>Программа: ${escapeHtml(lot.programmeTitle)}. Заказчик: ${escapeHtml(lot.buyer)}</p>
<p>Заседание закрыто: ${at(protocol.closedAt)}</p>
<h2>Комиссия: присутствовали ${commission.present} из ${commission.size} (кворум ${
    commission.quorum.numerator
  }/${commission.quorum.denominator})</h2>
<table>
<tr><th>Член комиссии</th><th>Должность</th><th>Присутствие</th><th>Декларация</th></tr>
${members}
</table>
<h2>Допуск заявок</h2>
<table>
<tr><th>Заявитель</th><th>Подана</th><th>Решение</th><th>Причина</th></tr>
${admissibility}
</table>
<h2>Оценки</h2>
<p>Итог члена комиссии: ${
    rules.totalMethod === 'sum' ? 'сумма баллов' : 'взвешенное среднее (0–100)'
  }; итог заявки: среднее по засчитанным оценкам; порог: ${number(rules.minTotal)}. Правило равенства: ${escapeHtml(
    TIE_RULE_NAMES[rules.tieRule],
  )}.${protocol.allSheetsSubmitted ? '' : ' Не все оценочные листы поданы.'}</p>
<table>
<tr><th>Заявитель</th><th>Итог</th><th>Нормированный (z)</th><th>Оценок</th><th>Мин.–макс.</th><th>Ст. откл.</th>${criteriaHeads}<th>Статус</th></tr>
${scores}
</table>
<h2>Рейтинг</h2>
<table>
<tr><th>Место</th><th>Заявитель</th><th>Итог</th><th>Равенство разрешено</th></tr>
${ranking}
</table>
<h2>Не ранжированы</h2>
${list(notRanked, '<p>Нет.</p>')}
${outcome}
<h2>Решение комиссии</h2>
<p>${paragraphs(protocol.decision)}</p>
<h2>Особые мнения</h2>
${dissent}
<p class="seal">SHA-256: <code>${escapeHtml(sha256)}</code></p>
</body>
</html>
`;
}
