import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { CallQuestion } from './call-question.entity.js';
import { callError } from './calls.errors.js';
import { CallsService } from './calls.service.js';
import type {
  NewQuestion,
  PublicQuestionView,
  QuestionAnswer,
  QuestionView,
} from './dto/question.dto.js';

interface QuestionRow extends PublicQuestionView {
  organisationId: string;
  organisationName: string;
}

/**
 * Clarification questions: verified NGOs ask while the enquiry period lasts (the database clock
 * decides, in the transaction that holds the lot), the buyer answers, and answers are public
 * without who asked.
 */
@Injectable()
export class CallQuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: CallsService,
  ) {}

  async ask(lotId: string, request: NewQuestion, actor: Actor): Promise<QuestionView> {
    const id = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: an amendment moving the deadline waits for this, or this waits for it.
      const lot = await this.lock(manager, lotId);
      if (lot.state === 'draft') throw lotError.notFound(lotId);
      const organisationId = await this.askingNgo(manager, actor, request.organisationId);
      if (lot.state !== 'callForBids.open') throw callError.notOpen(lot.state);
      const end = await this.calls.enquiryPeriodEnd(lotId, manager);
      if (!end) throw callError.notOpen(lot.state);
      const [{ onTime }] = (await manager.query(`SELECT now() <= $1 AS "onTime"`, [end])) as [
        { onTime: boolean },
      ];
      if (!onTime) throw callError.enquiriesClosed(end);
      const { identifiers } = await manager.insert(CallQuestion, {
        lotId,
        organisationId,
        askedBy: actor.userId,
        question: request.question,
      });
      return String(identifiers[0]?.id);
    });
    return this.one(lotId, id, actor);
  }

  async answer(
    lotId: string,
    questionId: string,
    request: QuestionAnswer,
    actor: Actor,
  ): Promise<QuestionView> {
    await this.dataSource.transaction(async (manager) => {
      const lot = await this.lock(manager, lotId);
      if (!actor.hasRole('buyer_staff', lot.buyerId)) {
        if (lot.state === 'draft') throw lotError.notFound(lotId);
        throw authError.organisationNotYours(lot.buyerId);
      }
      if (lot.state !== 'callForBids.open') throw callError.notOpen(lot.state);
      const question = await manager.findOne(CallQuestion, {
        where: { id: questionId, lotId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!question) throw callError.questionNotFound(questionId);
      if (question.answer !== null) throw callError.questionAnswered(questionId);
      await manager.query(
        `UPDATE call_questions SET answer = $2, answered_by = $3, answered_at = now()
         WHERE id = $1`,
        [questionId, request.answer, actor.userId],
      );
    });
    return this.one(lotId, questionId, actor);
  }

  /**
   * The buyer's staff see every question with the NGO that asked (to moderate); anyone else
   * sees the answered ones, and their own NGO's, without who asked.
   */
  async list(lotId: string, actor: Actor): Promise<QuestionView[]> {
    const lot = await this.dataSource.manager.findOneBy(Lot, { id: lotId });
    const buyer = lot !== null && seesAskers(actor, lot);
    if (!lot || (lot.state === 'draft' && !buyer)) throw lotError.notFound(lotId);
    const rows = await this.rows(lotId);
    return rows
      .filter((row) => buyer || row.answer !== null || this.isOwn(row, actor))
      .map((row) => this.asSeenBy(row, actor, buyer));
  }

  /** Answered questions, for anyone: never the organisation or the person that asked. */
  async published(lotId: string): Promise<PublicQuestionView[]> {
    const lot = await this.dataSource.manager.findOneBy(Lot, { id: lotId });
    if (!lot || lot.state === 'draft') throw lotError.notFound(lotId);
    const rows = await this.rows(lotId);
    return rows.filter((row) => row.answer !== null).map(anonymous);
  }

  private async one(lotId: string, questionId: string, actor: Actor): Promise<QuestionView> {
    const row = (await this.rows(lotId, questionId))[0];
    if (!row) throw callError.questionNotFound(questionId);
    const lot = await this.dataSource.manager.findOneByOrFail(Lot, { id: lotId });
    return this.asSeenBy(row, actor, seesAskers(actor, lot));
  }

  private async rows(lotId: string, questionId?: string): Promise<QuestionRow[]> {
    return (await this.dataSource.query(
      `SELECT q.id, q.question, q.asked_at AS "askedAt", q.answer, q.answered_at AS "answeredAt",
              q.organisation_id AS "organisationId", o.name AS "organisationName"
       FROM call_questions q JOIN organisations o ON o.id = q.organisation_id
       WHERE q.lot_id = $1 AND ($2::uuid IS NULL OR q.id = $2)
       ORDER BY q.asked_at, q.id`,
      [lotId, questionId ?? null],
    )) as QuestionRow[];
  }

  private isOwn(row: QuestionRow, actor: Actor): boolean {
    return actor.hasRole('ngo_member', row.organisationId);
  }

  private asSeenBy(row: QuestionRow, actor: Actor, buyer: boolean): QuestionView {
    return {
      ...anonymous(row),
      mine: this.isOwn(row, actor),
      ...(buyer ? { organisation: { id: row.organisationId, name: row.organisationName } } : {}),
    };
  }

  private async lock(manager: EntityManager, lotId: string): Promise<Lot> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }

  /** The verified NGO the caller asks for: the one named, or their only NGO. */
  private async askingNgo(
    manager: EntityManager,
    actor: Actor,
    named: string | undefined,
  ): Promise<string> {
    const ngos = (await manager.query(
      `SELECT o.id, o.verification_status AS "verificationStatus"
       FROM memberships m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.user_id = $1 AND m.role = 'ngo_member' AND o.kind = 'ngo'
       ORDER BY o.id`,
      [actor.userId],
    )) as { id: string; verificationStatus: string }[];
    if (ngos.length === 0) throw authError.roleRequired(['ngo_member']);
    let ngo = ngos[0];
    if (named !== undefined) {
      const found = ngos.find((candidate) => candidate.id === named);
      if (!found) throw authError.organisationNotYours(named);
      ngo = found;
    } else if (ngos.length > 1) {
      throw callError.organisationRequired(ngos.map((candidate) => candidate.id));
    }
    if (ngo.verificationStatus !== 'verified') throw callError.ngoNotVerified(ngo.id);
    return ngo.id;
  }
}

/** The buyer's staff (and admins) moderate questions: they see which NGO asked. */
function seesAskers(actor: Actor, lot: Lot): boolean {
  return actor.isAdmin || actor.hasRole('buyer_staff', lot.buyerId);
}

function anonymous(row: PublicQuestionView): PublicQuestionView {
  return {
    id: row.id,
    question: row.question,
    askedAt: row.askedAt,
    answer: row.answer,
    answeredAt: row.answeredAt,
  };
}
