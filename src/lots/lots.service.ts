import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, IsNull } from 'typeorm';
import { allowedEvents, describeMeta, lotMachineFor, restoreLot } from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import type { ChainVerdict } from '../audit/audit-chain.js';
import { page, type Page } from '../common/pagination.js';
import type {
  AuditEntryView,
  LotQuery,
  LotSummary,
  LotView,
  PublicLotView,
} from './dto/lot.dto.js';
import { knowsOfLot, LotEngine, rolesForLot } from './lot-engine.service.js';
import { LotViewSuppliers } from './lot-view-supplements.js';
import { LotDeadline } from '../deadlines/lot-deadline.entity.js';
import { Lot } from './lot.entity.js';
import { lotError } from './lot.errors.js';

/** Reading lots: one lot with what the caller may do now, filtered lists, the audit trail. */
@Injectable()
export class LotsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly audit: AuditService,
    private readonly supplements: LotViewSuppliers,
  ) {}

  async get(id: string, actor: Actor): Promise<LotView> {
    return this.view(await this.visible(id, actor), actor);
  }

  async view(lot: Lot, actor: Actor | null): Promise<LotView> {
    const armed = await this.dataSource.getRepository(LotDeadline).find({
      where: { lotId: lot.id, firedAt: IsNull(), cancelledAt: IsNull() },
    });
    const persisted = this.engine.snapshotOf(lot);
    const machine = lotMachineFor(lot.profileId);
    const snapshot = restoreLot(lot.profileId, persisted);
    const meta = describeMeta(snapshot);
    const events = actor
      ? rolesForLot(actor, lot).flatMap((role) => allowedEvents(machine, persisted, role))
      : [];
    const [stage, ...rest] = lot.state.split('.');
    const reannouncement = await this.dataSource.getRepository(Lot).findOne({
      where: { reannouncedFrom: lot.id },
      select: { id: true, state: true },
    });
    // A draft re-announcement is the buyer's own business until it is published.
    const seesDrafts =
      actor !== null && (actor.isAdmin || actor.hasRole('buyer_staff', lot.buyerId));
    return {
      id: lot.id,
      programmeId: lot.programmeId,
      buyerId: lot.buyerId,
      number: lot.number,
      section: lot.section,
      theme: lot.theme,
      recipients: lot.recipients,
      goals: lot.goals,
      tasks: lot.tasks,
      territories: lot.territories,
      maxAmount: lot.maxAmount,
      currency: lot.currency,
      durationMonths: lot.durationMonths,
      expectedResults: lot.expectedResults,
      indicatorTargets: lot.indicatorTargets,
      eligibility: lot.eligibility,
      profileId: lot.profileId,
      state: lot.state,
      version: lot.version,
      createdAt: lot.createdAt,
      updatedAt: lot.updatedAt,
      stage,
      subState: rest.length > 0 ? rest.join('.') : null,
      final: snapshot.status === 'done',
      description: [...meta.descriptions],
      deadlines: meta.deadlines.map(({ kind, event, days, dayCounting }) => ({
        kind,
        event,
        days,
        dayCounting,
        dueAt: armed.find((deadline) => deadline.kind === kind)?.dueAt ?? null,
      })),
      allowedEvents: [...new Set(events)],
      reannouncedFrom: lot.reannouncedFrom,
      reannouncedAs:
        reannouncement && (reannouncement.state !== 'draft' || seesDrafts)
          ? reannouncement.id
          : null,
      ...(await this.supplements.supplementsOf(lot)),
    };
  }

  /**
   * Lots the caller may see: drafts only by their buyer's staff (and admins), everything else
   * by anyone (`null`: the public). Filters use the indexed columns; the total is exact.
   */
  async list(query: LotQuery, actor: Actor | null): Promise<Page<LotSummary>> {
    const lots = this.dataSource.getRepository(Lot);
    const matching = lots.createQueryBuilder('lot');
    if (!actor?.isAdmin) {
      const buyers = (actor?.memberships ?? [])
        .filter((membership) => membership.role === 'buyer_staff')
        .map((membership) => membership.organisationId);
      matching.andWhere(
        new Brackets((visible) => {
          visible.where(`lot.state <> 'draft'`);
          if (buyers.length > 0) visible.orWhere('lot.buyerId IN (:...buyers)', { buyers });
        }),
      );
    }
    if (query.state) {
      // Its stage first, which lots_stage_created_idx holds in page order.
      const [stage] = query.state.split('.');
      matching.andWhere(`split_part(lot.state, '.', 1) = :stage`, { stage });
      if (query.state !== stage) {
        matching.andWhere('(lot.state = :state OR lot.state LIKE :statePrefix)', {
          state: query.state,
          statePrefix: `${query.state.replace(/[\\%_]/g, '\\$&')}.%`,
        });
      }
    }
    if (query.buyer) matching.andWhere('lot.buyerId = :buyer', { buyer: query.buyer });
    if (query.programme)
      matching.andWhere('lot.programmeId = :programme', { programme: query.programme });
    if (query.territory) {
      matching.andWhere('lot.territories @> :territory::jsonb', {
        territory: JSON.stringify([{ name: query.territory }]),
      });
    }
    if (query.q) {
      const words = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      matching.andWhere(
        '(lot.number ILIKE :words OR lot.theme ILIKE :words OR lot.recipients ILIKE :words)',
        { words },
      );
    }
    // The page's ids first: from a covering index they cost index entries, not rows, however
    // deep the page. Then only those lots are read.
    const pageIds = matching
      .clone()
      .select('lot.id')
      .orderBy('lot.createdAt', 'DESC')
      .addOrderBy('lot.id', 'ASC')
      .offset(query.offset)
      .limit(query.pageSize);
    const found = await lots
      .createQueryBuilder('lot')
      .where(`lot.id IN (${pageIds.getQuery()})`)
      .setParameters(pageIds.getParameters())
      .orderBy('lot.createdAt', 'DESC')
      .addOrderBy('lot.id', 'ASC')
      .getMany();
    // A page that is not full is the last: the total follows from it without counting.
    const total =
      found.length > 0 && found.length < query.pageSize
        ? query.offset + found.length
        : await matching.getCount();
    return page(
      found.map((lot) => ({
        id: lot.id,
        programmeId: lot.programmeId,
        buyerId: lot.buyerId,
        number: lot.number,
        theme: lot.theme,
        state: lot.state,
        maxAmount: lot.maxAmount,
        currency: lot.currency,
        territories: lot.territories.map((territory) => territory.name),
        version: lot.version,
      })),
      total,
      query,
    );
  }

  async history(id: string, actor: Actor): Promise<AuditEntryView[]> {
    await this.visible(id, actor);
    const entries = await this.audit.history(id);
    // Each entry as stored, with its predecessor's hash so that anyone can re-check the chain.
    return entries.map(({ seq, occurredAt, actorUserId, actorRole, eventType, ...rest }) => ({
      seq,
      occurredAt,
      actorUserId,
      actorRole,
      eventType,
      fromState: rest.fromState,
      toState: rest.toState,
      payload: rest.payload,
      prevHash: rest.prevHash,
      hash: rest.hash,
    }));
  }

  async verify(id: string, actor: Actor): Promise<ChainVerdict> {
    await this.visible(id, actor);
    return this.audit.verify(id);
  }

  /**
   * What anyone may know of a published lot: the plan, where it stands and its deadlines, and
   * once the call has closed how many applications it had. Drafts do not exist for the public.
   */
  async publicView(id: string): Promise<PublicLotView> {
    const lot = await this.dataSource.getRepository(Lot).findOneBy({ id });
    if (!lot || lot.state === 'draft') throw lotError.notFound(id);
    // The public sends no events and does not compare-and-swap.
    const view: Partial<LotView> = await this.view(lot, null);
    delete view.allowedEvents;
    delete view.version;
    const [{ buyerName, programmeTitle }] = (await this.dataSource.query(
      `SELECT o.name AS "buyerName", p.title AS "programmeTitle"
       FROM organisations o, programmes p WHERE o.id = $1 AND p.id = $2`,
      [lot.buyerId, lot.programmeId],
    )) as [{ buyerName: string; programmeTitle: string }];
    const stage = lot.state.split('.')[0];
    const callClosed = !['publicHearing', 'callForBids'].includes(stage);
    let submittedApplications: number | null = null;
    if (callClosed && stage !== 'cancelled') {
      const [{ count }] = (await this.dataSource.query(
        `SELECT count(*)::int AS count FROM applications WHERE lot_id = $1 AND status = 'submitted'`,
        [id],
      )) as [{ count: number }];
      submittedApplications = count;
    }
    return {
      ...(view as Omit<LotView, 'allowedEvents' | 'version'>),
      buyerName,
      programmeTitle,
      submittedApplications,
    };
  }

  /** A draft is the buyer's own business until it is published; others get 404, not 403. */
  private async visible(id: string, actor: Actor): Promise<Lot> {
    const lot = await this.dataSource.getRepository(Lot).findOneBy({ id });
    if (!lot || !knowsOfLot(actor, lot)) throw lotError.notFound(id);
    return lot;
  }
}
