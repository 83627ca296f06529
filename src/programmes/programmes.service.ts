import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { PROFILE_IDS, getProfile, isProfileId } from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Organisation } from '../auth/organisation.entity.js';
import { definedFields } from '../common/objects.js';
import { page, type Page, type PageQuery } from '../common/pagination.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { LotEngine, type LotPlan } from '../lots/lot-engine.service.js';
import { Lot } from '../lots/lot.entity.js';
import type { LotUpdate, NewLot, NewProgramme, ProgrammeUpdate } from './dto/programme.dto.js';
import { ProgrammeView } from './dto/programme.dto.js';
import { Programme } from './programme.entity.js';
import {
  importPlan,
  selectLotsToCreate,
  type AmountUnit,
  type PlanImportReport,
} from './plan-import/index.js';
import { programmeError } from './programme.errors.js';

export interface PlanImportResult {
  report: PlanImportReport;
  /** The lots created, in the plan's order; none on a dry run. */
  created: { id: string; number: string; maxAmount: number }[];
}

/**
 * Programmes and their lots as planned. A lot's plan is edited while it is a draft; the
 * programme's terms while all its lots are.
 */
@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
  ) {}

  async create(request: NewProgramme, actor: Actor): Promise<ProgrammeView> {
    const buyerId = this.buyerFor(request.buyerId, actor);
    const buyer = await this.dataSource.getRepository(Organisation).findOneBy({ id: buyerId });
    if (!buyer) throw authError.organisationNotFound(buyerId);
    if (buyer.kind !== 'buyer') throw programmeError.notABuyer(buyerId);
    if (!isProfileId(request.profileId))
      throw programmeError.unknownProfile(request.profileId, PROFILE_IDS);
    const profile = getProfile(request.profileId);
    if (profile.jurisdiction !== request.jurisdiction) {
      throw programmeError.profileJurisdiction(
        profile.id,
        profile.jurisdiction,
        request.jurisdiction,
      );
    }
    if (request.periodEnd < request.periodStart) throw programmeError.period();
    const repository = this.dataSource.getRepository(Programme);
    const programme = await repository.save(
      repository.create({
        ...request,
        buyerId,
        timeZone: request.timeZone ?? buyer.timeZone,
        createdBy: actor.userId,
      }),
    );
    return ProgrammeView.of(programme, 0, 0);
  }

  async list(query: PageQuery & { buyer?: string }): Promise<Page<ProgrammeView>> {
    const [programmes, total] = await this.dataSource.getRepository(Programme).findAndCount({
      where: query.buyer ? { buyerId: query.buyer } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    const views = await Promise.all(programmes.map((programme) => this.view(programme)));
    return page(views, total, query);
  }

  async get(id: string): Promise<ProgrammeView> {
    return this.view(await this.find(id, this.dataSource.manager));
  }

  async update(id: string, changes: ProgrammeUpdate, actor: Actor): Promise<ProgrammeView> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.lockProgramme(id, actor, manager);
      // Its lots were announced under these terms: they hold until every lot is a draft again.
      const published = await manager
        .createQueryBuilder(Lot, 'lot')
        .where('lot.programmeId = :id AND lot.state <> :draft', { id, draft: 'draft' })
        .getExists();
      if (published) throw programmeError.notDraft();
      const merged = { ...programme, ...definedFields(changes) };
      if (merged.periodEnd < merged.periodStart) throw programmeError.period();
      const { allocated } = await this.allocation(id, manager);
      if (merged.totalBudget < allocated) {
        throw programmeError.budgetExceeded(merged.totalBudget, allocated, programme.currency);
      }
      await manager.update(Programme, { id }, definedFields(changes));
      return this.view(await this.find(id, manager), manager);
    });
  }

  /** Adds a lot in draft; its territories' sum is its maximum and the programme's budget holds. */
  async addLot(programmeId: string, request: NewLot, actor: Actor): Promise<Lot> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.lockProgramme(programmeId, actor, manager);
      return this.createLot(manager, programme, this.plan(request), actor);
    });
  }

  /**
   * Adds a draft lot with the given plan in the caller's transaction, within the programme's
   * budget: the re-announcement of an unsuccessful lot (`reannouncedFrom`) is created this way.
   */
  async addLotIn(
    manager: EntityManager,
    programmeId: string,
    plan: LotPlan,
    actor: Actor,
    reannouncedFrom: string | null = null,
  ): Promise<Lot> {
    const programme = await this.lockProgramme(programmeId, actor, manager);
    return this.createLot(manager, programme, plan, actor, reannouncedFrom);
  }

  private async createLot(
    manager: EntityManager,
    programme: Programme,
    plan: LotPlan,
    actor: Actor,
    reannouncedFrom: string | null = null,
  ): Promise<Lot> {
    const { allocated } = await this.allocation(programme.id, manager);
    this.checkBudget(programme, allocated + plan.maxAmount);
    try {
      return await this.engine.create(
        manager,
        {
          ...plan,
          programmeId: programme.id,
          buyerId: programme.buyerId,
          currency: programme.currency,
          profileId: programme.profileId,
          reannouncedFrom,
        },
        actor,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw programmeError.numberTaken(plan.number);
      throw error;
    }
  }

  /**
   * Imports a plan table: the parser's report always comes back; lots are created only when the
   * whole file is consistent (or, with `partial`, the consistent rows), in one transaction, all
   * within the budget and with numbers the programme does not have yet.
   */
  async importPlan(
    programmeId: string,
    file: Buffer,
    options: { partial: boolean; dryRun: boolean; unit: AmountUnit },
    actor: Actor,
  ): Promise<PlanImportResult> {
    const programme = await this.find(programmeId, this.dataSource.manager);
    if (!actor.hasRole('buyer_staff', programme.buyerId)) {
      throw authError.organisationNotYours(programme.buyerId);
    }
    const report = await importPlan(file, { currency: programme.currency, unit: options.unit });
    const selection = selectLotsToCreate(report, options.partial);
    if (!selection.allowed) throw programmeError.planNotImportable(report, options.partial);
    if (options.dryRun) return { report, created: [] };
    const created = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockProgramme(programmeId, actor, manager);
      const numbers = selection.lots.map((lot) => lot.number);
      const taken = await manager.find(Lot, {
        where: { programmeId, number: In(numbers) },
        select: { number: true },
      });
      if (taken.length > 0)
        throw programmeError.numberTaken(taken.map((lot) => lot.number).join(', '));
      const { allocated } = await this.allocation(programmeId, manager);
      this.checkBudget(
        locked,
        allocated + selection.lots.reduce((sum, lot) => sum + lot.maxAmount, 0),
      );
      const lots: { id: string; number: string; maxAmount: number }[] = [];
      for (const parsed of selection.lots) {
        const lot = await this.engine.create(
          manager,
          {
            number: parsed.number,
            section: parsed.section,
            theme: parsed.theme,
            recipients: parsed.recipients,
            goals: parsed.goals,
            tasks: parsed.tasks,
            territories: parsed.territories.map(({ name, code, maxAmount }) =>
              code ? { name, code, maxAmount } : { name, maxAmount },
            ),
            maxAmount: parsed.maxAmount,
            durationMonths: parsed.durationMonths,
            expectedResults: parsed.expectedResults,
            indicatorTargets: parsed.indicatorTargets.map(({ description, target, unit }) => ({
              description,
              target,
              unit,
            })),
            eligibility: parsed.eligibility,
            programmeId,
            buyerId: programme.buyerId,
            currency: programme.currency,
            profileId: programme.profileId,
          },
          actor,
        );
        lots.push({ id: lot.id, number: lot.number, maxAmount: lot.maxAmount });
      }
      return lots;
    });
    return { report, created };
  }

  /** Edits a draft lot through the engine (compare-and-swap, audited), re-checking the sums. */
  async updateLot(
    lotId: string,
    request: LotUpdate,
    actor: Actor,
    expectedVersion: number | undefined,
  ): Promise<Lot> {
    const changes: Partial<LotPlan> = definedFields({
      ...request,
      territories: request.territories?.map(({ name, maxAmount }) => ({ name, maxAmount })),
      indicatorTargets: request.indicatorTargets?.map(({ description, target, unit }) =>
        unit === undefined ? { description, target } : { description, target, unit },
      ),
    });
    if (request.territories) {
      changes.maxAmount = this.territorySum(request.territories, request.maxAmount);
    } else if (request.maxAmount !== undefined) {
      changes.maxAmount = request.maxAmount;
    }
    try {
      return await this.engine.reviseDraft(
        lotId,
        changes,
        actor,
        expectedVersion,
        async (lot, manager) => {
          const programme = await this.lockProgramme(lot.programmeId, actor, manager);
          if (!request.territories && request.maxAmount !== undefined) {
            this.territorySum(lot.territories, request.maxAmount);
          }
          const { allocated } = await this.allocation(lot.programmeId, manager, lotId);
          this.checkBudget(programme, allocated + lot.maxAmount);
        },
      );
    } catch (error) {
      if (isUniqueViolation(error) && changes.number)
        throw programmeError.numberTaken(changes.number);
      throw error;
    }
  }

  private plan(request: NewLot): LotPlan {
    return {
      number: request.number,
      section: request.section ?? null,
      theme: request.theme,
      recipients: request.recipients ?? null,
      goals: request.goals ?? null,
      tasks: request.tasks ?? null,
      territories: request.territories.map(({ name, maxAmount }) => ({ name, maxAmount })),
      maxAmount: this.territorySum(request.territories, request.maxAmount),
      durationMonths: request.durationMonths ?? null,
      expectedResults: request.expectedResults ?? null,
      indicatorTargets: (request.indicatorTargets ?? []).map(({ description, target, unit }) =>
        unit === undefined ? { description, target } : { description, target, unit },
      ),
      eligibility: request.eligibility ?? ['ngo'],
    };
  }

  /** The lot's maximum is the sum of its territories'; a stated maximum must agree. */
  private territorySum(territories: readonly { maxAmount: number }[], stated?: number): number {
    const sum = territories.reduce((total, territory) => total + territory.maxAmount, 0);
    if (stated !== undefined && stated !== sum) throw programmeError.amountMismatch(stated, sum);
    return sum;
  }

  private checkBudget(programme: Programme, allocated: number): void {
    if (allocated > programme.totalBudget) {
      throw programmeError.budgetExceeded(programme.totalBudget, allocated, programme.currency);
    }
  }

  /**
   * Locks the programme row for the transaction, so that two lots added at once cannot both fit
   * a budget that has room for one; the caller must be its buyer's staff.
   */
  private async lockProgramme(
    id: string,
    actor: Actor,
    manager: EntityManager,
  ): Promise<Programme> {
    const programme = await manager
      .createQueryBuilder(Programme, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    if (!programme) throw programmeError.notFound(id);
    if (!actor.hasRole('buyer_staff', programme.buyerId)) {
      throw actor.hasRole('buyer_staff')
        ? authError.organisationNotYours(programme.buyerId)
        : authError.roleRequired(['buyer_staff']);
    }
    return programme;
  }

  /**
   * What the programme's lots hold of its budget: an unsuccessful or cancelled lot awards
   * nothing, so its amount is free again (for its re-announcement, say). The count is of all lots.
   */
  private async allocation(programmeId: string, manager: EntityManager, exceptLot?: string) {
    const row = await manager
      .createQueryBuilder(Lot, 'lot')
      .select(
        `COALESCE(SUM(lot.maxAmount) FILTER (WHERE lot.state NOT IN ('unsuccessful', 'cancelled')), 0)`,
        'allocated',
      )
      .addSelect('COUNT(*)', 'count')
      .where('lot.programmeId = :programmeId', { programmeId })
      .andWhere(exceptLot ? 'lot.id <> :exceptLot' : 'TRUE', { exceptLot })
      .getRawOne<{ allocated: string; count: string }>();
    return { allocated: Number(row?.allocated ?? 0), count: Number(row?.count ?? 0) };
  }

  private async view(programme: Programme, manager: EntityManager = this.dataSource.manager) {
    const { allocated, count } = await this.allocation(programme.id, manager);
    return ProgrammeView.of(programme, allocated, count);
  }

  private async find(id: string, manager: EntityManager): Promise<Programme> {
    const programme = await manager.findOneBy(Programme, { id });
    if (!programme) throw programmeError.notFound(id);
    return programme;
  }

  /** The buyer a programme is created for: stated, or the caller's only buyer (staff only). */
  private buyerFor(stated: string | undefined, actor: Actor): string {
    const buyers = actor.memberships.filter((membership) => membership.role === 'buyer_staff');
    if (buyers.length === 0) throw authError.roleRequired(['buyer_staff']);
    if (stated) {
      if (actor.hasRole('buyer_staff', stated)) return stated;
      throw authError.organisationNotYours(stated);
    }
    if (buyers.length === 1) return buyers[0].organisationId;
    throw programmeError.buyerRequired();
  }
}
