import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import type { LotView } from '../lots/dto/lot.dto.js';
import type { LotPlan } from '../lots/lot-engine.service.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { LotsService } from '../lots/lots.service.js';
import { ProgrammesService } from '../programmes/programmes.service.js';
import { awardError } from './awards.errors.js';

/** '1.1' → '1.1-R', '1.1-R' → '1.1-R2', '1.1-R2' → '1.1-R3'. */
function reannouncedNumber(number: string): string {
  const match = /^(.*)-R(\d*)$/.exec(number);
  if (!match) return `${number}-R`;
  return `${match[1]}-R${match[2] === '' ? 2 : Number(match[2]) + 1}`;
}

/**
 * An unsuccessful lot is re-announced once, as a new draft lot of the same programme with the
 * same plan, linked back to it; the failed lot's amount no longer counts against the budget.
 */
@Injectable()
export class ReannouncementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly lots: LotsService,
  ) {}

  async reannounce(lotId: string, actor: Actor): Promise<LotView> {
    const created = await this.dataSource.transaction(async (manager) => {
      // Two re-announcements at once queue here; the second finds the first.
      const failed = await manager.findOne(Lot, {
        where: { id: lotId },
        lock: { mode: 'for_no_key_update' },
      });
      const buyer = failed !== null && actor.hasRole('buyer_staff', failed.buyerId);
      if (!failed || (failed.state === 'draft' && !buyer)) throw lotError.notFound(lotId);
      if (!buyer) {
        throw actor.hasRole('buyer_staff')
          ? authError.organisationNotYours(failed.buyerId)
          : authError.roleRequired(['buyer_staff']);
      }
      if (failed.state !== 'unsuccessful') throw awardError.notUnsuccessful(failed.state);
      const existing = await manager.findOne(Lot, {
        where: { reannouncedFrom: lotId },
        select: { id: true, number: true },
      });
      if (existing) throw awardError.alreadyReannounced(existing.id, existing.number);
      const plan: LotPlan = {
        number: reannouncedNumber(failed.number),
        section: failed.section,
        theme: failed.theme,
        recipients: failed.recipients,
        goals: failed.goals,
        tasks: failed.tasks,
        territories: failed.territories,
        maxAmount: failed.maxAmount,
        durationMonths: failed.durationMonths,
        expectedResults: failed.expectedResults,
        indicatorTargets: failed.indicatorTargets,
        eligibility: failed.eligibility,
      };
      return this.programmes.addLotIn(manager, failed.programmeId, plan, actor, lotId);
    });
    return this.lots.view(created, actor);
  }
}
