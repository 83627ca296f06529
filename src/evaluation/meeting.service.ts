import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { getProfile } from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { Award } from '../awards/award.entity.js';
import { CallsService } from '../calls/calls.service.js';
import { ProblemException } from '../common/problem.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import { LotFactsRegistry, LotTransitionListeners } from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import type { LotView } from '../lots/dto/lot.dto.js';
import { LotsService } from '../lots/lots.service.js';
import { CommissionMember } from './commission-member.entity.js';
import { CommissionService } from './commission.service.js';
import { ConflictDeclaration } from './conflict-declaration.entity.js';
import type {
  CloseEvaluationRequest,
  ClosedEvaluationView,
  MemberTotalView,
  ProtocolView,
} from './dto/meeting.dto.js';
import {
  aggregateRound,
  buildEvaluationProtocol,
  evaluationProtocolHash,
  evaluationRulesOf,
  missingSheets,
  renderEvaluationProtocolHtml,
  type EvaluationProtocolDocument,
  type ProtocolInput,
  type ProtocolLot,
} from './evaluation-protocol.js';
import { EvaluationProtocol } from './evaluation-protocol.entity.js';
import { ScoreSheetsService, type RoundRecords } from './score-sheets.service.js';
import type { CommissionVote } from './scoring/ranking.js';
import { databaseNow } from '../common/database-clock.js';

/** The meeting states, per round. */
const MEETING_STATES: readonly string[] = ['evaluation.meeting', 'evaluation.secondRound.meeting'];
/** Round one of a two-round profile that says nothing of its shortlist sends this many on. */
const DEFAULT_SHORTLIST_SIZE = 3;
const CLOSE_ENDPOINT = 'POST /lots/{id}/evaluation/close';

/** Stable codes of the meeting; clients may switch on them. */
export const meetingError = {
  chairOnly: (round: number) =>
    new ProblemException(403, 'chair-only', `Only the chair of the round ${round} commission may`, {
      round,
    }),
  notMembers: (userIds: readonly string[], round: number) =>
    new ProblemException(
      422,
      'not-commission-member',
      `Not members of the round ${round} commission: ${userIds.join(', ')}`,
      { userIds, round },
    ),
  dissentNotPresent: (userIds: readonly string[]) =>
    new ProblemException(
      422,
      'dissent-not-present',
      'A dissenting opinion is recorded only for a member present at the meeting',
      { userIds },
    ),
  voteShape: () =>
    new ProblemException(400, 'validation-failed', 'vote takes either order or votes, not both', {
      errors: [{ field: 'vote', messages: ['vote takes either order or votes, not both'] }],
    }),
  voteUnknown: (applicationIds: readonly string[]) =>
    new ProblemException(
      422,
      'vote-unknown-application',
      `The vote names applications this round does not rank: ${applicationIds.join(', ')}`,
      { applicationIds },
    ),
  tieUnresolved: (unresolvedTies: readonly string[][]) =>
    new ProblemException(
      409,
      'tie-unresolved',
      'Applications are tied and the tie rule does not separate them: record the commission’s vote',
      { unresolvedTies },
    ),
  protocolExists: (round: number) =>
    new ProblemException(
      409,
      'protocol-exists',
      `The round ${round} protocol is already signed and locked`,
      { round },
    ),
  noAnnouncement: (lotId: string) =>
    new ProblemException(409, 'call-not-found', `Lot ${lotId} has no call announcement`),
  protocolNotFound: (lotId: string, round: number | undefined) =>
    new ProblemException(
      404,
      'protocol-not-found',
      round === undefined
        ? `No evaluation protocol for lot ${lotId} yet`
        : `No round ${round} evaluation protocol for lot ${lotId}`,
    ),
  protocolRestricted: () =>
    new ProblemException(
      403,
      'protocol-restricted',
      'The protocol is for the buyer’s staff and the lot’s commission until results are published',
    ),
  dedicatedEndpoint: () =>
    new ProblemException(
      409,
      'dedicated-endpoint',
      `CLOSE_EVALUATION is sent with its protocol through ${CLOSE_ENDPOINT}`,
      { endpoint: CLOSE_ENDPOINT },
    ),
};

/**
 * The commission's meeting: the chair convenes it before the scoring deadline once every sheet
 * is in (CONVENE_MEETING), and closes it (CLOSE_EVALUATION) with the protocol — aggregated
 * scores, ranking, decision — written, hashed and locked in the closing transition's own
 * transaction, with the award of the final round. The facts of both events are computed here
 * from the round's records, and for the closing from the protocol written just before it: if
 * the machine refuses (no quorum), the protocol and the award roll back with it.
 */
@Injectable()
export class MeetingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly facts: LotFactsRegistry,
    private readonly lots: LotsService,
    private readonly calls: CallsService,
    private readonly commission: CommissionService,
    private readonly sheets: ScoreSheetsService,
    private readonly listeners: LotTransitionListeners,
  ) {}

  onModuleInit(): void {
    this.facts.register({
      events: ['CONVENE_MEETING'],
      facts: async (lot, _event, manager) => {
        const records = await this.sheets.roundRecords(
          manager,
          lot.id,
          this.commission.currentRound(lot),
        );
        return { allSheetsSubmitted: missingSheets(records).length === 0 };
      },
    });
    this.facts.register({
      events: ['CLOSE_EVALUATION'],
      facts: (lot, _event, manager) => this.closingFacts(manager, lot),
    });
    // An annulled award sends the lot back to the meeting of its last round: that round's
    // protocol is superseded (kept), and the meeting closes again with a new one.
    this.listeners.register(async ({ manager, lot, event }) => {
      if (event.type !== 'ANNUL_AWARD') return;
      await manager.query(
        `UPDATE evaluation_protocols SET superseded_at = now()
         WHERE lot_id = $1 AND superseded_at IS NULL
           AND round = (SELECT max(round) FROM evaluation_protocols WHERE lot_id = $1)`,
        [lot.id],
      );
    });
  }

  /** The chair convenes the meeting: refused (422) while a sheet is missing. */
  async convene(lotId: string, actor: Actor): Promise<LotView> {
    const lot = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedLot(manager, lotId);
      await this.requireChair(manager, locked, actor);
      return (await this.engine.applyIn(manager, lotId, { type: 'CONVENE_MEETING' }, actor)).lot;
    });
    return this.lots.view(lot, actor);
  }

  /** The chair closes the meeting with the protocol; see the class comment. */
  async close(
    lotId: string,
    request: CloseEvaluationRequest,
    actor: Actor,
  ): Promise<ClosedEvaluationView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await this.lockedLot(manager, lotId);
      // The chair first: anyone else learns nothing of the lot's state.
      const round = await this.requireChair(manager, lot, actor);
      if (!MEETING_STATES.includes(lot.state)) {
        throw lotError.eventNotAccepted('CLOSE_EVALUATION', lot.state, []);
      }
      const records = await this.sheets.roundRecords(manager, lotId, round);
      const vote = this.checkMeeting(request, records);
      if (await manager.existsBy(EvaluationProtocol, { lotId, round, supersededAt: IsNull() })) {
        throw meetingError.protocolExists(round);
      }
      const sequence = (await manager.countBy(EvaluationProtocol, { lotId, round })) + 1;
      // A winner who declined is not offered the award again when the meeting closes anew.
      const declined = (
        await manager.find(Award, {
          where: { lotId, status: 'declined' },
          select: { applicationId: true },
        })
      ).map((award) => award.applicationId);
      const announcement = await this.calls.current(lotId, manager);
      if (!announcement) throw meetingError.noAnnouncement(lotId);
      const profile = getProfile(lot.profileId);
      const finalRound = round === profile.rounds;
      const closedAt = await databaseNow(manager);
      const admissibility = await this.admissibilityOf(manager, lotId);
      const ngoNames = new Map(admissibility.map((a) => [a.applicationId, a.ngo]));

      const input: ProtocolInput = {
        ...records,
        rules: evaluationRulesOf(announcement),
        applications: records.applications.map((application) => ({
          ...application,
          ngo: ngoNames.get(application.applicationId) ?? '',
        })),
        lot: await this.protocolLot(manager, lot),
        round,
        finalRound,
        shortlistSize: finalRound ? null : (profile.shortlistSize ?? DEFAULT_SHORTLIST_SIZE),
        closedAt,
        closedBy: actor.userId,
        announcement: {
          version: announcement.version,
          criteria: announcement.criteria,
          tieRule: announcement.tieRule,
          priorityCriterion: announcement.priorityCriterion,
          maxAmount: announcement.maxAmount,
        },
        quorum: profile.quorum,
        members: await this.namedMembers(manager, records.members),
        declarations: await manager.find(ConflictDeclaration, { where: { lotId, round } }),
        membersPresent: request.membersPresent,
        admissibility,
        vote,
        scoringDeadlinePassed: this.engine.snapshotOf(lot).context.scoringDeadlinePassed,
        decision: request.decision,
        dissent: request.dissent ?? [],
        declined,
      };
      const outcome = buildEvaluationProtocol(input);
      if (outcome.status === 'tieUnresolved') {
        throw meetingError.tieUnresolved(outcome.unresolvedTies);
      }
      const { protocol } = outcome;
      const row = manager.create(EvaluationProtocol, {
        lotId,
        round,
        sequence,
        membersPresent: [...request.membersPresent],
        protocol: protocol as unknown as Record<string, unknown>,
        protocolHash: evaluationProtocolHash(protocol),
        closedBy: actor.userId,
        closedAt,
      });
      await manager.save(row);
      // Before the transition, so that the award module's listeners see the award it enters with.
      if (protocol.awards.length > 0) {
        await manager.insert(
          Award,
          protocol.awards.map((award) => ({
            lotId,
            applicationId: award.applicationId,
            ngoId: award.ngoId,
            rank: award.rank,
            amount: award.amount,
            currency: announcement.currency,
            status: 'pending' as const,
          })),
        );
      }
      const applied = await this.engine.applyIn(
        manager,
        lotId,
        { type: 'CLOSE_EVALUATION' },
        actor,
      );
      return {
        ...viewOf(row),
        lotState: applied.lot.state,
        lotVersion: applied.lot.version,
      };
    });
  }

  /**
   * A round's protocol (the last closed when no round is named) for the buyer's staff and the
   * lot's commission. The round's chair and secretary also get each member's total, computed
   * from the sheets under the rules the protocol states; it is never part of the protocol.
   */
  async protocol(lotId: string, round: 1 | 2 | undefined, actor: Actor): Promise<ProtocolView> {
    const manager = this.dataSource.manager;
    const row = await this.readableProtocol(manager, lotId, round, actor);
    const view = viewOf(row);
    const office = await this.commission.officeOf(manager, lotId, row.round, actor.userId);
    if (office !== 'chair' && office !== 'secretary') return view;
    return { ...view, memberTotals: await this.memberTotals(manager, row) };
  }

  async protocolHtml(lotId: string, round: 1 | 2 | undefined, actor: Actor): Promise<string> {
    const row = await this.readableProtocol(this.dataSource.manager, lotId, round, actor);
    return renderEvaluationProtocolHtml(documentOf(row), row.protocolHash);
  }

  // --- facts ---------------------------------------------------------------------------------

  /** From the protocol the close endpoint wrote earlier in this same transaction. */
  private async closingFacts(manager: EntityManager, lot: Lot): Promise<Record<string, unknown>> {
    const round = this.commission.currentRound(lot);
    const row = await manager.findOneBy(EvaluationProtocol, {
      lotId: lot.id,
      round,
      supersededAt: IsNull(),
    });
    if (!row) throw meetingError.dedicatedEndpoint();
    const records = await this.sheets.roundRecords(manager, lot.id, round);
    return {
      membersPresent: row.membersPresent.length,
      commissionSize: records.memberIds.length,
      allSheetsSubmitted: missingSheets(records).length === 0,
      rankedCount: documentOf(row).ranking.entries.length,
    };
  }

  // --- helpers -------------------------------------------------------------------------------

  private async lockedLot(manager: EntityManager, lotId: string): Promise<Lot> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      lock: { mode: 'for_no_key_update' },
    });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }

  private async requireChair(manager: EntityManager, lot: Lot, actor: Actor): Promise<1 | 2> {
    const round = this.commission.currentRound(lot);
    const office = await this.commission.officeOf(manager, lot.id, round, actor.userId);
    if (office !== 'chair') throw meetingError.chairOnly(round);
    return round;
  }

  /** Who was present and who dissents must sit on the round's commission; the vote ranks its applications. */
  private checkMeeting(
    request: CloseEvaluationRequest,
    records: RoundRecords,
  ): CommissionVote | null {
    const strangers = request.membersPresent.filter((id) => !records.memberIds.includes(id));
    if (strangers.length > 0) throw meetingError.notMembers(strangers, records.round);
    const absent = (request.dissent ?? [])
      .map((dissent) => dissent.memberUserId)
      .filter((id) => !request.membersPresent.includes(id));
    if (absent.length > 0) throw meetingError.dissentNotPresent(absent);
    const { vote } = request;
    if (!vote) return null;
    if ((vote.order === undefined) === (vote.votes === undefined)) throw meetingError.voteShape();
    const named = vote.order ?? Object.keys(vote.votes ?? {});
    const ranked = new Set(records.applications.map((a) => a.applicationId));
    const unknown = named.filter((id) => !ranked.has(id));
    if (unknown.length > 0) throw meetingError.voteUnknown(unknown);
    return vote.order ? { order: vote.order } : { votes: vote.votes ?? {} };
  }

  private async protocolLot(manager: EntityManager, lot: Lot): Promise<ProtocolLot> {
    const [row] = (await manager.query(
      `SELECT p.title AS "programmeTitle", p.time_zone AS "timeZone", o.name AS buyer
         FROM programmes p JOIN organisations o ON o.id = $2
        WHERE p.id = $1`,
      [lot.programmeId, lot.buyerId],
    )) as [{ programmeTitle: string; timeZone: string; buyer: string }];
    return {
      id: lot.id,
      number: lot.number,
      theme: lot.theme,
      programmeId: lot.programmeId,
      programmeTitle: row.programmeTitle,
      buyerId: lot.buyerId,
      buyer: row.buyer,
      profileId: lot.profileId,
      currency: lot.currency,
      timeZone: row.timeZone,
    };
  }

  private async namedMembers(
    manager: EntityManager,
    members: readonly CommissionMember[],
  ): Promise<ProtocolInput['members']> {
    const rows = (await manager.query(
      `SELECT id, full_name AS "fullName" FROM users WHERE id = ANY($1::uuid[])`,
      [members.map((member) => member.userId)],
    )) as { id: string; fullName: string }[];
    const names = new Map(rows.map((row) => [row.id, row.fullName]));
    return members.map((member) => ({
      userId: member.userId,
      name: names.get(member.userId) ?? '',
      office: member.office,
      nominatedBy: member.nominatedBy,
    }));
  }

  private async admissibilityOf(
    manager: EntityManager,
    lotId: string,
  ): Promise<ProtocolInput['admissibility']> {
    return (await manager.query(
      `SELECT d.application_id AS "applicationId", a.ngo_id AS "ngoId", o.name AS ngo,
              a.submitted_at AS "submittedAt", d.decision, d.reason_code AS "reasonCode",
              d.reason, d.decided_at AS "decidedAt"
         FROM admissibility_decisions d
         JOIN applications a ON a.id = d.application_id
         JOIN organisations o ON o.id = a.ngo_id
        WHERE d.lot_id = $1
        ORDER BY a.submitted_at, a.id`,
      [lotId],
    )) as ProtocolInput['admissibility'];
  }

  private async readableProtocol(
    manager: EntityManager,
    lotId: string,
    round: 1 | 2 | undefined,
    actor: Actor,
  ): Promise<EvaluationProtocol> {
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot) throw lotError.notFound(lotId);
    const staff = actor.hasRole('buyer_staff', lot.buyerId) || actor.isAdmin;
    if (!staff && !(await manager.existsBy(CommissionMember, { lotId, userId: actor.userId }))) {
      throw meetingError.protocolRestricted();
    }
    const row = await manager.findOne(EvaluationProtocol, {
      where: round === undefined ? { lotId } : { lotId, round },
      order: { round: 'DESC', sequence: 'DESC' },
    });
    if (!row) throw meetingError.protocolNotFound(lotId, round);
    return row;
  }

  private async memberTotals(
    manager: EntityManager,
    row: EvaluationProtocol,
  ): Promise<MemberTotalView[]> {
    const { rules } = documentOf(row);
    const records = await this.sheets.roundRecords(manager, row.lotId, row.round === 2 ? 2 : 1);
    const aggregates = aggregateRound({
      ...records,
      rules: {
        criteria: rules.criteria,
        totalMethod: rules.totalMethod,
        aggregateMethod: rules.aggregateMethod,
        minTotal: rules.minTotal,
        spread: rules.spread,
      },
    });
    return aggregates.flatMap((aggregate) =>
      aggregate.sheets.map((sheet) => ({
        applicationId: aggregate.applicationId,
        memberUserId: sheet.memberId,
        total: sheet.total,
        z: sheet.z,
      })),
    );
  }
}

function documentOf(row: EvaluationProtocol): EvaluationProtocolDocument {
  return row.protocol as unknown as EvaluationProtocolDocument;
}

function viewOf(row: EvaluationProtocol): ProtocolView {
  return {
    lotId: row.lotId,
    round: row.round,
    sequence: row.sequence,
    supersededAt: row.supersededAt,
    protocol: documentOf(row),
    protocolHash: row.protocolHash,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
  };
}
