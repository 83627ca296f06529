import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Environment } from '../config/environment.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { EmailSender } from '../notifications/email-sender.service.js';
import { Programme } from '../programmes/programme.entity.js';
import { confirmationEmail } from './confirmation-email.js';
import type {
  CommentView,
  ConfirmedRegistration,
  NewRegistration,
  NgoComment,
  RegistrantComment,
  RegistrationReceipt,
  RegistrationView,
} from './dto/hearing.dto.js';
import { HearingComment } from './hearing-comment.entity.js';
import {
  currentHearingLot,
  isOpenForComments,
  lockLot,
  registrationDeadline,
} from './hearing-records.js';
import { HearingRegistration } from './hearing-registration.entity.js';
import { Hearing } from './hearing.entity.js';
import { hearingError } from './hearing.errors.js';
import { HearingsService } from './hearings.service.js';

/** Only the hash of a registrant's token is stored; the token itself goes out by email. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The public's part in a hearing: registration until the deadline (by the database clock, in
 * the transaction that checks the lot's state), confirmation by the emailed token, comments by
 * confirmed registrants and NGOs, and the buyer's answers.
 */
@Injectable()
export class HearingParticipationService {
  private readonly logger = new Logger('Hearings');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hearings: HearingsService,
    private readonly sender: EmailSender,
    private readonly environment: Environment,
  ) {}

  /**
   * Registers someone for the lot's hearing and emails them the confirmation token. The lot is
   * held FOR SHARE, so the deadline's transition (FOR NO KEY UPDATE) either comes after this
   * registration or is seen by it. The email goes out before commit: if it cannot be sent,
   * nothing is registered and the person may simply try again.
   */
  async register(lotId: string, registration: NewRegistration): Promise<RegistrationReceipt> {
    const token = randomBytes(32).toString('base64url');
    try {
      return await this.dataSource.transaction(async (manager) => {
        const lot = await lockLot(manager, lotId);
        const part = await currentHearingLot(manager, lotId);
        const deadline = await registrationDeadline(manager, lotId);
        if (lot.state !== 'publicHearing.registration' || !deadline || deadline.passed) {
          throw hearingError.registrationClosed(lot.state, deadline?.dueAt ?? null);
        }
        const taken = await manager.existsBy(HearingRegistration, {
          hearingId: part.hearingId,
          email: registration.email,
        });
        if (taken) throw hearingError.alreadyRegistered();
        const locale = registration.locale ?? 'ru';
        const inserted = await manager.insert(HearingRegistration, {
          hearingId: part.hearingId,
          name: registration.name,
          organisation: registration.organisation ?? null,
          email: registration.email,
          phone: registration.phone ?? null,
          locale,
          tokenSha256: tokenHash(token),
          registeredAt: () => 'clock_timestamp()',
        } as QueryDeepPartialEntity<HearingRegistration>);
        await this.sendConfirmation(manager, lot, part.hearingId, registration, locale, token);
        return {
          id: inserted.identifiers[0].id as string,
          hearingId: part.hearingId,
          email: registration.email,
          confirmed: false,
          detail: `Thank you for registering. We sent a confirmation link to ${registration.email}`,
        };
      });
    } catch (error) {
      // Two requests with one address raced past the check: the unique key answers.
      if (isUniqueViolation(error)) throw hearingError.alreadyRegistered();
      throw error;
    }
  }

  private async sendConfirmation(
    manager: EntityManager,
    lot: Lot,
    hearingId: string,
    registration: NewRegistration,
    locale: HearingRegistration['locale'],
    token: string,
  ): Promise<void> {
    const hearing = await manager.findOneByOrFail(Hearing, { id: hearingId });
    const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
    const email = confirmationEmail({
      to: registration.email,
      locale,
      name: registration.name,
      lot: { number: lot.number, theme: lot.theme },
      heldAt: hearing.heldAt,
      timeZone: programme.timeZone,
      token,
      publicBaseUrl: this.environment.PUBLIC_BASE_URL,
    });
    try {
      await this.sender.send(email);
    } catch (error) {
      this.logger.error(`confirmation email for hearing ${hearingId}: ${(error as Error).message}`);
      throw hearingError.emailUnavailable();
    }
  }

  /** Confirms the registration the token belongs to; confirming again changes nothing. */
  async confirm(token: string): Promise<ConfirmedRegistration> {
    const [rows] = (await this.dataSource.query(
      `UPDATE hearing_registrations
       SET confirmed_at = COALESCE(confirmed_at, date_trunc('milliseconds', clock_timestamp()))
       WHERE token_sha256 = $1
       RETURNING id, hearing_id AS "hearingId", name, confirmed_at AS "confirmedAt"`,
      [tokenHash(token)],
    )) as [ConfirmedRegistration[], number];
    if (!rows[0]) throw hearingError.registrationNotFound();
    return rows[0];
  }

  /** A confirmed registrant comments, proving who they are with their token. */
  commentAsRegistrant(lotId: string, comment: RegistrantComment): Promise<CommentView> {
    return this.dataSource.transaction(async (manager) => {
      const registration = await manager.findOneBy(HearingRegistration, {
        tokenSha256: tokenHash(comment.token),
      });
      if (!registration) throw hearingError.registrationNotFound();
      return this.insertComment(manager, lotId, comment.text, (hearingId) => {
        if (registration.hearingId !== hearingId) throw hearingError.notAParticipant();
        if (!registration.confirmedAt) throw hearingError.registrationUnconfirmed();
        return { registrationId: registration.id };
      });
    });
  }

  /** An NGO comments through one of its members; it is named by the NGO, not the person. */
  commentAsNgo(lotId: string, comment: NgoComment, actor: Actor): Promise<CommentView> {
    const ngos = actor.memberships
      .filter((membership) => membership.role === 'ngo_member')
      .map((membership) => membership.organisationId);
    if (ngos.length === 0) throw authError.roleRequired(['ngo_member']);
    let organisationId: string;
    if (comment.organisationId !== undefined) {
      if (!ngos.includes(comment.organisationId)) {
        throw authError.organisationNotYours(comment.organisationId);
      }
      organisationId = comment.organisationId;
    } else if (ngos.length === 1) {
      organisationId = ngos[0];
    } else {
      throw hearingError.organisationRequired(ngos);
    }
    return this.dataSource.transaction((manager) =>
      this.insertComment(manager, lotId, comment.text, () => ({
        authorUserId: actor.userId,
        authorOrganisationId: organisationId,
      })),
    );
  }

  private async insertComment(
    manager: EntityManager,
    lotId: string,
    text: string,
    author: (hearingId: string) => Partial<HearingComment>,
  ): Promise<CommentView> {
    const lot = await lockLot(manager, lotId);
    const part = await currentHearingLot(manager, lotId, 'pessimistic_read');
    const by = author(part.hearingId);
    if (!isOpenForComments(lot, part)) throw hearingError.hearingClosed(lot.state);
    const inserted = await manager.insert(HearingComment, {
      ...by,
      hearingId: part.hearingId,
      lotId,
      text,
      submittedAt: () => 'clock_timestamp()',
    } as QueryDeepPartialEntity<HearingComment>);
    return this.commentView(manager, lotId, part.hearingId, inserted.identifiers[0].id as string);
  }

  /** The buyer answers a comment (again, to correct it) until the protocol is approved. */
  answer(lotId: string, commentId: string, text: string, actor: Actor): Promise<CommentView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await lockLot(manager, lotId);
      if (!actor.hasRole('buyer_staff', lot.buyerId)) throw authError.roleRequired(['buyer_staff']);
      const part = await currentHearingLot(manager, lotId, 'pessimistic_read');
      const comment = await manager.findOne(HearingComment, {
        where: { id: commentId, lotId, hearingId: part.hearingId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!comment) throw hearingError.commentNotFound(commentId);
      if (!isOpenForComments(lot, part)) throw hearingError.hearingClosed(lot.state);
      await manager.update(HearingComment, { id: commentId }, {
        answer: text,
        answeredBy: actor.userId,
        answeredAt: () => 'clock_timestamp()',
      } as QueryDeepPartialEntity<HearingComment>);
      return this.commentView(manager, lotId, part.hearingId, commentId);
    });
  }

  /** The buyer's list of registrations of the lot's hearing, with contacts. */
  async registrations(lotId: string, actor: Actor): Promise<RegistrationView[]> {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot) throw lotError.notFound(lotId);
    if (!actor.hasRole('buyer_staff', lot.buyerId)) throw authError.roleRequired(['buyer_staff']);
    const part = await currentHearingLot(manager, lotId);
    const rows = await manager.find(HearingRegistration, {
      where: { hearingId: part.hearingId },
      order: { registeredAt: 'ASC', id: 'ASC' },
    });
    return rows.map(({ id, name, organisation, email, phone, registeredAt, confirmedAt }) => ({
      id,
      name,
      organisation,
      email,
      phone,
      registeredAt,
      confirmedAt,
    }));
  }

  private async commentView(
    manager: EntityManager,
    lotId: string,
    hearingId: string,
    commentId: string,
  ): Promise<CommentView> {
    const comments = await this.hearings.commentsOf(manager, lotId, hearingId);
    const view = comments.find((comment) => comment.id === commentId);
    if (!view) throw hearingError.commentNotFound(commentId);
    return view;
  }
}
