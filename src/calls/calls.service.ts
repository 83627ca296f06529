import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { getProfile, type Jurisdiction, type ProcedureProfile } from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { lotCalendarOf, type DeadlineCalendar } from '../deadlines/deadline-calendar.js';
import { HearingsService } from '../hearings/hearings.service.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import {
  amended,
  announcementChanges,
  announcementOf,
  assertAnnouncement,
  changedFields,
  firstAnnouncement,
  announcementProblems,
  type Announcement,
} from './announcement.js';
import { CallAnnouncement } from './call-announcement.entity.js';
import { amendmentExtension, enquiryPeriodEnd } from './call-periods.js';
import { callError } from './calls.errors.js';
import type {
  AmendedCallView,
  CallAmendmentRequest,
  CallAnnouncementRequest,
  CallView,
} from './dto/call.dto.js';

/** The call's deadline row, read with what it is counted in and the database's now. */
interface CallClose {
  dueAt: Date;
  /** Neither fired nor cancelled. */
  pending: boolean;
  now: Date;
  profile: ProcedureProfile;
  calendar: DeadlineCalendar;
}

/**
 * The call for bids: its announcement (published with OPEN_CALL or APPROVE_HEARING_PROTOCOL in
 * the event's transaction), its amendments (AMEND_CALL), and its periods. The tender period ends
 * at the lot's callClose deadline, always read from lot_deadlines, never copied.
 */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly hearings: HearingsService,
  ) {}

  /**
   * Publishes the announcement and opens the call; where the profile holds a hearing, only
   * after its protocol was approved with the decision to open the call.
   */
  async open(
    lotId: string,
    request: CallAnnouncementRequest,
    actor: Actor,
    expectedVersion: number | undefined,
  ): Promise<CallView> {
    const lot = await this.buyersLot(lotId, actor);
    const profile = getProfile(lot.profileId);
    const { minDays = 1, maxDays = 366 } = profile.durations.callClose;
    if (request.callPeriodDays < minDays || request.callPeriodDays > maxDays) {
      throw callError.callPeriodOutOfBounds(profile.id, minDays, maxDays);
    }
    const problems = announcementProblems(firstAnnouncement(request, lot));
    if (problems.length > 0) throw callError.invalid(problems);

    const type = profile.hasHearing ? 'APPROVE_HEARING_PROTOCOL' : 'OPEN_CALL';
    const payload = { callPeriodDays: request.callPeriodDays };
    await this.engine.apply(lotId, { type, payload }, actor, expectedVersion, async (manager) => {
      // The lot as the engine locked it: its plan cannot change until this commits.
      const locked = await manager.findOneByOrFail(Lot, { id: lotId });
      const announcement = firstAnnouncement(request, locked);
      assertAnnouncement(announcement, locked);
      if (type === 'APPROVE_HEARING_PROTOCOL') {
        const approved = await this.hearings.approvedProtocolOf(lotId, manager);
        if (approved?.decision !== 'openCall') throw callError.hearingProtocolRequired(lotId);
      }
      await this.publish(manager, {
        ...announcement,
        lotId,
        version: 1,
        callPeriodDays: request.callPeriodDays,
        currency: locked.currency,
        note: null,
        changedFields: [],
        extendByDays: null,
        autoExtendedByDays: null,
        publishedBy: actor.userId,
      });
    });
    return this.view(lotId);
  }

  /**
   * A new version of the announcement, and the deadline moved by the stated days plus as many
   * as the profile's minimum remaining needs; AMEND_CALL notifies the call's audience.
   */
  async amend(
    lotId: string,
    request: CallAmendmentRequest,
    actor: Actor,
    expectedVersion: number | undefined,
  ): Promise<AmendedCallView> {
    const lot = await this.buyersLot(lotId, actor);
    if (lot.state !== 'callForBids.open') throw callError.notOpen(lot.state);
    const before = await this.callCloseOf(lotId, this.dataSource.manager);
    if (!before?.pending) throw callError.callChanged();
    if (before.now > before.dueAt) throw callError.deadlinePassed(before.dueAt);
    const stated = request.extendByDays ?? 0;
    const extension = amendmentExtension(
      before.now,
      before.dueAt,
      stated,
      before.profile.minDaysRemainingAfterAmendment,
      before.calendar,
    );
    if (extension.extendByDays > 366) throw callError.extensionTooLong(extension.extendByDays);
    const changes = announcementChanges(request.changes ?? {});

    const payload = { extendByDays: extension.extendByDays };
    await this.engine.apply(
      lotId,
      { type: 'AMEND_CALL', payload },
      actor,
      expectedVersion,
      async (manager) => {
        // The engine holds the lot: no other amendment moves the deadline until this commits.
        const close = await this.callCloseOf(lotId, manager);
        if (close?.dueAt.getTime() !== before.dueAt.getTime()) throw callError.callChanged();
        if (close.now > close.dueAt) throw callError.deadlinePassed(close.dueAt);
        const previous = await this.current(lotId, manager);
        if (!previous) throw callError.notFound(lotId);
        const next = amended(announcementOf(previous), changes);
        const locked = await manager.findOneByOrFail(Lot, { id: lotId });
        assertAnnouncement(next, locked, 'changes.');
        const changed = changedFields(announcementOf(previous), next);
        if (changed.length === 0 && stated === 0) throw callError.amendmentChangesNothing();
        await this.publish(manager, {
          ...next,
          lotId,
          version: previous.version + 1,
          callPeriodDays: previous.callPeriodDays,
          currency: previous.currency,
          note: request.note,
          changedFields: changed,
          extendByDays: stated,
          autoExtendedByDays: extension.autoExtendedByDays,
          publishedBy: actor.userId,
        });
      },
    );
    return { ...(await this.view(lotId)), autoExtendedByDays: extension.autoExtendedByDays };
  }

  /** The call as the public reads it. */
  async view(lotId: string): Promise<CallView> {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot || lot.state === 'draft') throw lotError.notFound(lotId);
    const versions = await manager.find(CallAnnouncement, {
      where: { lotId },
      order: { version: 'ASC' },
    });
    const [first] = versions;
    const latest = versions.at(-1);
    const close = await this.callCloseOf(lotId, manager);
    if (!first || !latest || !close) throw callError.notFound(lotId);
    const enquiriesEnd = enquiryPeriodEnd(
      close.dueAt,
      close.profile.enquiriesCloseDaysBeforeCallClose,
      close.calendar,
    );
    return {
      lotId,
      lotState: lot.state,
      lotVersion: lot.version,
      version: latest.version,
      callPeriodDays: latest.callPeriodDays,
      description: latest.description,
      criteria: latest.criteria,
      tieRule: latest.tieRule,
      priorityCriterion: latest.priorityCriterion,
      thresholds: latest.thresholds,
      eligibility: latest.eligibility,
      requiredDocuments: latest.requiredDocuments,
      maxAmount: latest.maxAmount,
      currency: latest.currency,
      tenderPeriod: { startDate: first.publishedAt, endDate: close.dueAt },
      enquiryPeriod: { startDate: first.publishedAt, endDate: enquiriesEnd },
      amendments: versions.slice(1).map((version) => ({
        version: version.version,
        note: version.note ?? '',
        changedFields: version.changedFields,
        extendByDays: version.extendByDays ?? 0,
        autoExtendedByDays: version.autoExtendedByDays ?? 0,
        publishedAt: version.publishedAt,
      })),
    };
  }

  /**
   * The announcement in force (its latest version), or null before the call opens: the
   * criteria, required documents, maximum amount, eligibility and tie rule that applications
   * and their evaluation follow.
   */
  async current(lotId: string, manager: EntityManager): Promise<CallAnnouncement | null> {
    return manager.findOne(CallAnnouncement, { where: { lotId }, order: { version: 'DESC' } });
  }

  /**
   * When clarification questions close: the profile's days before the call's deadline, in the
   * buyer's zone (with the call, when the profile says nothing). Null before the call opens.
   */
  async enquiryPeriodEnd(lotId: string, manager: EntityManager): Promise<Date | null> {
    const close = await this.callCloseOf(lotId, manager);
    if (!close) return null;
    const daysBefore = close.profile.enquiriesCloseDaysBeforeCallClose;
    return enquiryPeriodEnd(close.dueAt, daysBefore, close.calendar);
  }

  private async publish(
    manager: EntityManager,
    version: Announcement & Omit<CallAnnouncement, keyof Announcement | 'id' | 'publishedAt'>,
  ): Promise<void> {
    await manager.insert(CallAnnouncement, version);
  }

  /** The lot, for its buyer's staff; a draft stays invisible to everyone else. */
  private async buyersLot(lotId: string, actor: Actor): Promise<Lot> {
    const lot = await this.dataSource.manager.findOneBy(Lot, { id: lotId });
    if (!lot) throw lotError.notFound(lotId);
    if (!actor.hasRole('buyer_staff', lot.buyerId)) {
      if (lot.state === 'draft') throw lotError.notFound(lotId);
      throw authError.organisationNotYours(lot.buyerId);
    }
    return lot;
  }

  private async callCloseOf(lotId: string, manager: EntityManager): Promise<CallClose | null> {
    const [row] = (await manager.query(
      `SELECT d.due_at AS "dueAt", d.fired_at IS NULL AND d.cancelled_at IS NULL AS pending,
              now() AS now, l.profile_id AS "profileId", p.time_zone AS "zone",
              p.jurisdiction AS "country"
       FROM lot_deadlines d
       JOIN lots l ON l.id = d.lot_id
       JOIN programmes p ON p.id = l.programme_id
       WHERE d.lot_id = $1 AND d.kind = 'callClose'`,
      [lotId],
    )) as {
      dueAt: Date;
      pending: boolean;
      now: Date;
      profileId: string;
      zone: string;
      country: Jurisdiction;
    }[];
    if (!row) return null;
    return {
      dueAt: row.dueAt,
      pending: row.pending,
      now: row.now,
      ...lotCalendarOf(row.profileId, row.zone, row.country),
    };
  }
}
