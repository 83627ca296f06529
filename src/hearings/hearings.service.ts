import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { getProfile } from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import type { LotView } from '../lots/dto/lot.dto.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { LotsService } from '../lots/lots.service.js';
import { Programme } from '../programmes/programme.entity.js';
import { programmeError } from '../programmes/programme.errors.js';
import type {
  HearingLotView,
  HearingNotice,
  HearingNoticeView,
  ProtocolApproval,
  ProtocolView,
  PublicHearingView,
  PublishedHearingView,
} from './dto/hearing.dto.js';
import { HearingLot, type HearingDecision } from './hearing-lot.entity.js';
import { protocolSha256, type HearingProtocol, type ProtocolComment } from './hearing-protocol.js';
import {
  currentHearingLot,
  latestHearingLot,
  lockLot,
  registrationDeadline,
} from './hearing-records.js';
import { Hearing } from './hearing.entity.js';
import { hearingError } from './hearing.errors.js';
import { databaseNow } from '../common/database-clock.js';

/** An approved protocol as frozen, for the modules that act on its decision. */
export interface ApprovedProtocol {
  hearingId: string;
  lotId: string;
  decision: HearingDecision;
  note: string | null;
  approvedAt: Date;
  approvedBy: string;
  protocol: HearingProtocol;
  sha256: string;
}

interface CommentRow {
  id: string;
  text: string;
  submittedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  registrationId: string | null;
  registrantName: string | null;
  registrantOrganisation: string | null;
  ngoName: string | null;
}

/**
 * The hearing's notice and protocol: publishing lots for hearing (through the lot engine, the
 * notice written in the same transaction), the public notice, the protocol (live until the
 * buyer approves it, then frozen with its hash), and the decision that follows.
 */
@Injectable()
export class HearingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly lots: LotsService,
  ) {}

  /** Publishes one draft lot for hearing with its notice. */
  publishLot(
    lotId: string,
    notice: HearingNotice,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<PublishedHearingView> {
    return this.dataSource.transaction((manager) =>
      this.publish(manager, [lotId], notice, actor, expectedVersion),
    );
  }

  /** Publishes every draft lot of a programme under one notice: all of them or none. */
  publishProgramme(
    programmeId: string,
    notice: HearingNotice,
    actor: Actor,
  ): Promise<PublishedHearingView> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await manager.findOneBy(Programme, { id: programmeId });
      if (!programme) throw programmeError.notFound(programmeId);
      if (!actor.hasRole('buyer_staff', programme.buyerId)) {
        throw authError.organisationNotYours(programme.buyerId);
      }
      if (!getProfile(programme.profileId).hasHearing) {
        throw hearingError.noHearingInProfile(programme.profileId);
      }
      // In id order, as any other writer of several lots would lock them.
      const drafts = (await manager.query(
        `SELECT id FROM lots WHERE programme_id = $1 AND state = 'draft' ORDER BY id`,
        [programmeId],
      )) as { id: string }[];
      if (drafts.length === 0) throw hearingError.noDraftLots(programmeId);
      return this.publish(
        manager,
        drafts.map((draft) => draft.id),
        notice,
        actor,
      );
    });
  }

  private async publish(
    manager: EntityManager,
    lotIds: readonly string[],
    notice: HearingNotice,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<PublishedHearingView> {
    const heldAt = new Date(notice.heldAt);
    let hearing: Hearing | undefined;
    const published: Lot[] = [];
    for (const lotId of lotIds) {
      const { lot } = await this.engine.applyIn(
        manager,
        lotId,
        { type: 'PUBLISH_FOR_HEARING' },
        actor,
        expectedVersion,
        async (within) => {
          hearing ??= await this.insertNotice(within, lotId, notice, heldAt, actor);
          await within.insert(HearingLot, { hearingId: hearing.id, lotId });
        },
      );
      published.push(lot);
    }
    if (!hearing) throw new Error('A hearing was published without its notice');
    // The deadline rows are written by the transition's effects, after `within`: read now.
    const lots: HearingLotView[] = [];
    for (const lot of published) {
      const deadline = await registrationDeadline(manager, lot.id);
      if (deadline && heldAt <= deadline.dueAt) {
        throw hearingError.hearingBeforeRegistrationCloses(heldAt, deadline.dueAt);
      }
      lots.push(this.lotView(lot, deadline?.dueAt ?? null));
    }
    return { notice: this.noticeView(hearing), lots };
  }

  private async insertNotice(
    manager: EntityManager,
    lotId: string,
    notice: HearingNotice,
    heldAt: Date,
    actor: Actor,
  ): Promise<Hearing> {
    const now = await databaseNow(manager);
    if (heldAt <= now) throw hearingError.hearingDatePast(heldAt, now);
    const { programmeId } = await manager.findOneByOrFail(Lot, { id: lotId });
    const inserted = await manager.insert(Hearing, {
      programmeId,
      heldAt,
      place: notice.place ?? null,
      onlineUrl: notice.onlineUrl ?? null,
      description: notice.description ?? null,
      documents: (notice.documents ?? []).map(({ title, url }) => ({ title, url })),
      publishedBy: actor.userId,
      // The clock, not the transaction's start: a later hearing of the lot sorts after.
      publishedAt: () => 'clock_timestamp()',
    } as QueryDeepPartialEntity<Hearing>);
    return manager.findOneByOrFail(Hearing, { id: inserted.identifiers[0].id as string });
  }

  /** The notice of the lot's latest hearing, its registration deadline and counts. */
  async publicNotice(lotId: string): Promise<PublicHearingView> {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot) throw lotError.notFound(lotId);
    const part = await currentHearingLot(manager, lotId);
    const hearing = await manager.findOneByOrFail(Hearing, { id: part.hearingId });
    const deadline = await registrationDeadline(manager, lotId);
    const [counts] = (await manager.query(
      `SELECT
         (SELECT count(*) FROM hearing_registrations
          WHERE hearing_id = $1 AND confirmed_at IS NOT NULL)::int AS participants,
         (SELECT count(*) FROM hearing_comments WHERE hearing_id = $1 AND lot_id = $2)::int
           AS comments,
         (SELECT count(*) FROM hearing_comments
          WHERE hearing_id = $1 AND lot_id = $2 AND answer IS NOT NULL)::int AS answered`,
      [part.hearingId, lotId],
    )) as [PublicHearingView['counts']];
    return {
      notice: this.noticeView(hearing),
      lot: this.lotView(lot, deadline?.dueAt ?? null),
      registrationOpen:
        lot.state === 'publicHearing.registration' && deadline !== null && !deadline.passed,
      counts,
      protocolStatus: part.approvedAt ? 'approved' : 'draft',
      decision: part.decision,
    };
  }

  /** The approved protocol as frozen, or the protocol as it stands now (a draft). */
  async protocol(lotId: string): Promise<ProtocolView> {
    const manager = this.dataSource.manager;
    const part = await currentHearingLot(manager, lotId);
    if (part.protocol && part.protocolSha256) {
      return { status: 'approved', sha256: part.protocolSha256, protocol: part.protocol };
    }
    return {
      status: 'draft',
      sha256: null,
      protocol: await this.buildProtocol(manager, lotId, part.hearingId, null),
    };
  }

  /** The comments on the lot in its latest hearing, with answers, numbered as submitted. */
  async comments(lotId: string): Promise<ProtocolComment[]> {
    const manager = this.dataSource.manager;
    const part = await currentHearingLot(manager, lotId);
    return this.commentsOf(manager, lotId, part.hearingId);
  }

  /**
   * The buyer approves the protocol while the hearing is in discussion, once every comment is
   * answered: it is frozen as JSON with its sha-256, with the decision that comes next.
   */
  approve(lotId: string, approval: ProtocolApproval, actor: Actor): Promise<ProtocolView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await lockLot(manager, lotId);
      if (!actor.hasRole('buyer_staff', lot.buyerId)) throw authError.roleRequired(['buyer_staff']);
      const part = await currentHearingLot(manager, lotId, 'pessimistic_write');
      if (part.approvedAt) throw hearingError.protocolAlreadyApproved(part.approvedAt);
      if (lot.state !== 'publicHearing.discussion') throw hearingError.notInDiscussion(lot.state);
      const unanswered = (await manager.query(
        `SELECT id FROM hearing_comments
         WHERE lot_id = $1 AND hearing_id = $2 AND answer IS NULL
         ORDER BY submitted_at, id`,
        [lotId, part.hearingId],
      )) as { id: string }[];
      if (unanswered.length > 0) {
        throw hearingError.commentsUnanswered(unanswered.map((comment) => comment.id));
      }
      const approvedAt = await databaseNow(manager);
      const note = approval.note ?? null;
      const protocol = await this.buildProtocol(manager, lotId, part.hearingId, {
        decision: approval.decision,
        note,
        approvedAt: approvedAt.toISOString(),
      });
      const sha256 = protocolSha256(protocol);
      await manager.update(
        HearingLot,
        { hearingId: part.hearingId, lotId },
        {
          decision: approval.decision,
          decisionNote: note,
          protocol: protocol as unknown as QueryDeepPartialEntity<HearingProtocol>,
          protocolSha256: sha256,
          approvedBy: actor.userId,
          approvedAt,
        },
      );
      return { status: 'approved', sha256, protocol };
    });
  }

  /**
   * The approved protocol of the lot's latest hearing, or null: the call module opens the call
   * only on an approved 'openCall' decision, read in its own transaction.
   */
  async approvedProtocolOf(
    lotId: string,
    manager: EntityManager,
  ): Promise<ApprovedProtocol | null> {
    const part = await latestHearingLot(manager, lotId);
    const { decision, protocol, protocolSha256: sha256, approvedAt, approvedBy } = part ?? {};
    if (!part || !decision || !protocol || !sha256 || !approvedAt || !approvedBy) return null;
    return {
      hearingId: part.hearingId,
      lotId,
      decision,
      note: part.decisionNote,
      approvedAt,
      approvedBy,
      protocol,
      sha256,
    };
  }

  /**
   * After a protocol that decided 'revise', the lot goes back to a draft (REVISE_DRAFT through
   * the engine: its audit trail records the revision and the reason).
   */
  async revise(
    lotId: string,
    reason: string,
    actor: Actor,
    expectedVersion?: number,
  ): Promise<LotView> {
    const { lot } = await this.dataSource.transaction((manager) =>
      this.engine.applyIn(
        manager,
        lotId,
        { type: 'REVISE_DRAFT', payload: { reason } },
        actor,
        expectedVersion,
        async (within) => {
          const approved = await this.approvedProtocolOf(lotId, within);
          if (!approved) throw hearingError.protocolNotApproved();
          if (approved.decision !== 'revise') {
            throw hearingError.decisionMismatch(approved.decision, 'revise');
          }
        },
      ),
    );
    return this.lots.view(lot, actor);
  }

  private async buildProtocol(
    manager: EntityManager,
    lotId: string,
    hearingId: string,
    decision: HearingProtocol['decision'],
  ): Promise<HearingProtocol> {
    const [lot] = (await manager.query(
      `SELECT l.id, l.number, l.theme, l.programme_id AS "programmeId",
              p.title AS "programmeTitle", p.time_zone AS "timeZone", o.name AS buyer
       FROM lots l JOIN programmes p ON p.id = l.programme_id
       JOIN organisations o ON o.id = l.buyer_id
       WHERE l.id = $1`,
      [lotId],
    )) as HearingProtocol['lot'][];
    const hearing = await manager.findOneByOrFail(Hearing, { id: hearingId });
    const deadline = await registrationDeadline(manager, lotId);
    const participants = (await manager.query(
      `SELECT name, organisation FROM hearing_registrations
       WHERE hearing_id = $1 AND confirmed_at IS NOT NULL
       ORDER BY registered_at, id`,
      [hearingId],
    )) as HearingProtocol['participants'];
    const view = this.noticeView(hearing);
    return {
      lot,
      notice: {
        hearingId,
        heldAt: view.heldAt.toISOString(),
        place: view.place,
        onlineUrl: view.onlineUrl,
        description: view.description,
        documents: view.documents,
        publishedAt: view.publishedAt.toISOString(),
        registrationDeadline: deadline?.dueAt.toISOString() ?? null,
      },
      participants,
      comments: await this.commentsOf(manager, lotId, hearingId),
      decision,
    };
  }

  /** Comments for the public: a participant by name and organisation, an NGO by its name. */
  async commentsOf(
    manager: EntityManager,
    lotId: string,
    hearingId: string,
  ): Promise<ProtocolComment[]> {
    const rows = (await manager.query(
      `SELECT c.id, c.text, c.submitted_at AS "submittedAt", c.answer,
              c.answered_at AS "answeredAt", c.registration_id AS "registrationId",
              r.name AS "registrantName", r.organisation AS "registrantOrganisation",
              o.name AS "ngoName"
       FROM hearing_comments c
       LEFT JOIN hearing_registrations r ON r.id = c.registration_id
       LEFT JOIN organisations o ON o.id = c.author_organisation_id
       WHERE c.lot_id = $1 AND c.hearing_id = $2
       ORDER BY c.submitted_at, c.id`,
      [lotId, hearingId],
    )) as CommentRow[];
    return rows.map((row, index) => ({
      number: index + 1,
      id: row.id,
      author: row.registrationId
        ? {
            kind: 'participant' as const,
            name: row.registrantName,
            organisation: row.registrantOrganisation,
          }
        : { kind: 'ngo' as const, name: null, organisation: row.ngoName },
      text: row.text,
      submittedAt: row.submittedAt.toISOString(),
      answer:
        row.answer !== null && row.answeredAt
          ? { text: row.answer, answeredAt: row.answeredAt.toISOString() }
          : null,
    }));
  }

  noticeView(hearing: Hearing): HearingNoticeView {
    const { id, programmeId, heldAt, place, onlineUrl, description, documents, publishedAt } =
      hearing;
    return { id, programmeId, heldAt, place, onlineUrl, description, documents, publishedAt };
  }

  private lotView(lot: Lot, registrationDeadline: Date | null): HearingLotView {
    const { id, number, theme, state, version } = lot;
    return { id, number, theme, state, version, registrationDeadline };
  }
}
