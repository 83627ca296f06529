import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { Criterion } from '../calls/call-announcement.entity.js';
import { CallsService } from '../calls/calls.service.js';
import { ProblemException } from '../common/problem.js';
import { knowsOfLot } from '../lots/lot-engine.service.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { AdmissibilityService, type AdmittedApplication } from './admissibility.service.js';
import type { CommissionMember } from './commission-member.entity.js';
import { CommissionService } from './commission.service.js';
import type { ScoreSheetView, ScoreSheetDraft } from './dto/scoring.dto.js';
import { ScoreSheetRow } from './score-sheet.entity.js';
import {
  checkScoreSheet,
  type ScoreSheetProblem,
  type ScoreSheetProblemCode,
} from './scoring/score-sheet.js';
import type { SheetPoints } from './scoring/scoring.types.js';
import { pendingDeadlineClock } from '../deadlines/deadline-clock.js';

/** The states in which members score, and the deadline each runs against. */
const SCORING_DEADLINES: Readonly<Record<string, string>> = {
  'evaluation.scoring': 'scoring',
  'evaluation.secondRound.scoring': 'secondRoundScoring',
};

/** Problems of a sheet's shape; the others break a rule of the call (422). */
const SHAPE_PROBLEMS: ReadonlySet<ScoreSheetProblemCode> = new Set([
  'not-an-object',
  'unknown-criterion',
  'not-a-number',
]);

/** Stable codes of scoring; clients may switch on them. */
export const scoringError = {
  scoringNotOpen: (state: string) =>
    new ProblemException(
      409,
      'scoring-not-open',
      `The lot is in ${state}: score sheets are written only while the commission scores`,
      { state },
    ),
  deadlinePassed: (dueAt: Date, now: Date) =>
    new ProblemException(
      409,
      'scoring-deadline-passed',
      `Scoring closed at ${dueAt.toISOString()}; the database clock read ${now.toISOString()}`,
      { deadline: dueAt.toISOString(), now: now.toISOString() },
    ),
  notMember: (round: number) =>
    new ProblemException(
      403,
      'not-commission-member',
      `You are not a member of this lot's round ${round} commission`,
      { round },
    ),
  declarationRequired: (round: number) =>
    new ProblemException(
      403,
      'declaration-required',
      'Declare your conflicts of interest for this round before you score',
      { round },
    ),
  recused: (applicationId: string) =>
    new ProblemException(
      403,
      'recused',
      'You declared a link to this application: you do not score it',
      { applicationId },
    ),
  applicationNotFound: (applicationId: string) =>
    new ProblemException(
      404,
      'application-not-found',
      `No application ${applicationId} on this lot`,
    ),
  notScored: (applicationId: string, round: number) =>
    new ProblemException(
      409,
      'application-not-scored',
      round === 1
        ? 'Only admitted applications are scored'
        : 'Only the applications shortlisted by round one are scored in round two',
      { applicationId, round },
    ),
  sheetNotFound: (applicationId: string) =>
    new ProblemException(
      404,
      'score-sheet-not-found',
      'You have no sheet for this application: save a draft first',
      { applicationId },
    ),
  sheetSubmitted: (submittedAt: Date | null) =>
    new ProblemException(
      409,
      'score-sheet-submitted',
      'Your sheet for this application is submitted: it is no longer changed',
      { submittedAt: submittedAt?.toISOString() ?? null },
    ),
  invalidSheet: (problems: readonly ScoreSheetProblem[]) => {
    const shape = problems.some((problem) => SHAPE_PROBLEMS.has(problem.code));
    return new ProblemException(
      shape ? 400 : 422,
      shape ? 'validation-failed' : 'score-sheet-invalid',
      problems.flatMap((problem) => problem.messages).join('; '),
      { errors: problems.map(({ field, code, messages }) => ({ field, code, messages })) },
    );
  },
};

/** A round's scoring as recorded: who sits, what is scored, who is recused, every sheet. */
export interface RoundRecords {
  round: 1 | 2;
  members: CommissionMember[];
  memberIds: string[];
  applications: AdmittedApplication[];
  recusals: Map<string, string[]>;
  sheets: {
    applicationId: string;
    memberUserId: string;
    points: SheetPoints;
    submitted: boolean;
  }[];
}

/** Where a member's sheet may be written: the lot held FOR SHARE, the clock read after. */
interface ScoringSeat {
  round: 1 | 2;
  criteria: readonly Criterion[];
}

/**
 * Members' score sheets: a draft (partial allowed) revised at will, then submitted once complete;
 * both only while the round scores and before its deadline by the database clock. Each write
 * holds the lot row FOR SHARE, and the deadline's transition takes it FOR NO KEY UPDATE, so a
 * sheet is either written before the scoring closed or refused. Nobody reads another member's
 * sheet: only the aggregates reach the protocol.
 */
@Injectable()
export class ScoreSheetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commission: CommissionService,
    private readonly admissibility: AdmissibilityService,
    private readonly calls: CallsService,
  ) {}

  async saveDraft(
    lotId: string,
    applicationId: string,
    draft: ScoreSheetDraft,
    actor: Actor,
  ): Promise<ScoreSheetView> {
    return this.dataSource.transaction(async (manager) => {
      const seat = await this.seat(manager, lotId, applicationId, actor);
      const check = checkScoreSheet(seat.criteria, draft.points, { partial: true });
      if (!check.ok) throw scoringError.invalidSheet(check.problems);
      const rows = (await manager.query(
        `INSERT INTO score_sheets
           (lot_id, round, application_id, member_user_id, points, comment, status, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', clock_timestamp())
         ON CONFLICT ON CONSTRAINT score_sheets_round_application_member_key DO UPDATE
           SET points = EXCLUDED.points, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
           WHERE score_sheets.status = 'draft'
         RETURNING id`,
        [
          lotId,
          seat.round,
          applicationId,
          actor.userId,
          JSON.stringify(check.points),
          draft.comment || null,
        ],
      )) as { id: string }[];
      if (rows.length === 0) {
        const submitted = await manager.findOneByOrFail(ScoreSheetRow, {
          round: seat.round,
          applicationId,
          memberUserId: actor.userId,
        });
        throw scoringError.sheetSubmitted(submitted.submittedAt);
      }
      return viewOf(await manager.findOneByOrFail(ScoreSheetRow, { id: rows[0].id }));
    });
  }

  /** Submits the saved draft once every criterion is answered; it is final from then on. */
  async submit(lotId: string, applicationId: string, actor: Actor): Promise<ScoreSheetView> {
    return this.dataSource.transaction(async (manager) => {
      const seat = await this.seat(manager, lotId, applicationId, actor);
      const sheet = await manager.findOne(ScoreSheetRow, {
        where: { round: seat.round, applicationId, memberUserId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!sheet) throw scoringError.sheetNotFound(applicationId);
      if (sheet.status === 'submitted') throw scoringError.sheetSubmitted(sheet.submittedAt);
      const check = checkScoreSheet(seat.criteria, sheet.points);
      if (!check.ok) throw scoringError.invalidSheet(check.problems);
      await manager.query(
        `UPDATE score_sheets
            SET status = 'submitted', submitted_at = clock_timestamp(), updated_at = clock_timestamp()
          WHERE id = $1`,
        [sheet.id],
      );
      return viewOf(await manager.findOneByOrFail(ScoreSheetRow, { id: sheet.id }));
    });
  }

  /** The caller's own sheets on the lot, every round; only for who sits on its commission. */
  async mine(lotId: string, actor: Actor): Promise<ScoreSheetView[]> {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot || !knowsOfLot(actor, lot)) throw lotError.notFound(lotId);
    if (!(await this.commission.sitsOn(manager, lotId, actor.userId))) {
      throw scoringError.notMember(this.commission.currentRound(lot));
    }
    const sheets = await manager.find(ScoreSheetRow, {
      where: { lotId, memberUserId: actor.userId },
      order: { round: 'ASC', updatedAt: 'ASC', id: 'ASC' },
    });
    return sheets.map(viewOf);
  }

  /** The applications a round scores: the admitted ones; in round two, those shortlisted. */
  async applicationsInPlay(
    manager: EntityManager,
    lotId: string,
    round: 1 | 2,
  ): Promise<AdmittedApplication[]> {
    const admitted = await this.admissibility.admittedOf(manager, lotId);
    if (round === 1) return admitted;
    const [first] = (await manager.query(
      `SELECT protocol -> 'shortlist' AS shortlist
         FROM evaluation_protocols WHERE lot_id = $1 AND round = 1 AND superseded_at IS NULL`,
      [lotId],
    )) as { shortlist: string[] | null }[];
    const shortlist = new Set(first?.shortlist ?? []);
    return admitted.filter((application) => shortlist.has(application.applicationId));
  }

  /** Everything the round's aggregation and its facts read, in the caller's transaction. */
  async roundRecords(manager: EntityManager, lotId: string, round: 1 | 2): Promise<RoundRecords> {
    const members = await this.commission.membersOf(manager, lotId, round);
    const memberIds = members.map((member) => member.userId);
    // In the commission's order, so that per-member figures always list the members alike.
    const seatOf = (userId: string) => {
      const seat = memberIds.indexOf(userId);
      return seat === -1 ? memberIds.length : seat;
    };
    const sheets = (await manager.find(ScoreSheetRow, { where: { lotId, round } })).toSorted(
      (a, b) =>
        seatOf(a.memberUserId) - seatOf(b.memberUserId) ||
        a.memberUserId.localeCompare(b.memberUserId),
    );
    return {
      round,
      members,
      memberIds,
      applications: await this.applicationsInPlay(manager, lotId, round),
      recusals: await this.commission.recusalsOf(manager, lotId, round),
      sheets: sheets.map((sheet) => ({
        applicationId: sheet.applicationId,
        memberUserId: sheet.memberUserId,
        points: sheet.points,
        submitted: sheet.status === 'submitted',
      })),
    };
  }

  /**
   * Checks, holding the lot FOR SHARE, that the caller may write this sheet now: the round
   * scores, they sit on its commission, declared, are not recused for an application in play,
   * and the database clock is not past the round's scoring deadline.
   */
  private async seat(
    manager: EntityManager,
    lotId: string,
    applicationId: string,
    actor: Actor,
  ): Promise<ScoringSeat> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!lot) throw lotError.notFound(lotId);
    const kind = SCORING_DEADLINES[lot.state];
    if (!kind) throw scoringError.scoringNotOpen(lot.state);
    const round = this.commission.currentRound(lot);
    const office = await this.commission.officeOf(manager, lotId, round, actor.userId);
    if (!office) throw scoringError.notMember(round);
    if (!(await this.commission.hasDeclared(manager, lotId, round, actor.userId))) {
      throw scoringError.declarationRequired(round);
    }
    const inPlay = await this.applicationsInPlay(manager, lotId, round);
    if (!inPlay.some((application) => application.applicationId === applicationId)) {
      const [exists] = (await manager.query(
        `SELECT 1 FROM applications WHERE id = $1 AND lot_id = $2`,
        [applicationId, lotId],
      )) as unknown[];
      throw exists
        ? scoringError.notScored(applicationId, round)
        : scoringError.applicationNotFound(applicationId);
    }
    const recusals = await this.commission.recusalsOf(manager, lotId, round);
    if (recusals.get(applicationId)?.includes(actor.userId)) {
      throw scoringError.recused(applicationId);
    }
    const clock = await pendingDeadlineClock(manager, lotId, kind);
    if (!clock.dueAt) throw scoringError.scoringNotOpen(lot.state);
    if (clock.now.getTime() > clock.dueAt.getTime()) {
      throw scoringError.deadlinePassed(clock.dueAt, clock.now);
    }
    const announcement = await this.calls.current(lotId, manager);
    if (!announcement) throw scoringError.scoringNotOpen(lot.state);
    return { round, criteria: announcement.criteria };
  }
}

function viewOf(sheet: ScoreSheetRow): ScoreSheetView {
  return {
    id: sheet.id,
    lotId: sheet.lotId,
    round: sheet.round,
    applicationId: sheet.applicationId,
    status: sheet.status,
    points: sheet.points,
    comment: sheet.comment,
    submittedAt: sheet.submittedAt,
    updatedAt: sheet.updatedAt,
  };
}
