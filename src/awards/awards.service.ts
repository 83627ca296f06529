import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { CallsService } from '../calls/calls.service.js';
import type { LotView } from '../lots/dto/lot.dto.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import {
  LotFactsRegistry,
  LotTransitionListeners,
  type LotTransitionContext,
} from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { LotsService } from '../lots/lots.service.js';
import { RecipientResolvers, type Recipient } from '../notifications/recipient-resolvers.js';
import { Award } from './award.entity.js';
import { awardError } from './awards.errors.js';
import type { DeclineRequest, PublicResultsView, WinnerView } from './dto/award.dto.js';
import {
  applicationScoresOf,
  finalProtocolOf,
  publicProtocol,
  rankingOf,
} from './final-protocol.js';

/** Awards that hold now: pending through the standstill, active from contracting on. */
const CURRENT: Award['status'][] = ['pending', 'active'];

/** What the decline endpoint states for the WINNER_DECLINED it sends. */
interface Declining {
  awardId: string;
  reason: string;
}

/**
 * The award after the evaluation closed: keeps the awards in step with the lot's transitions
 * (active at contracting, annulled, cancelled, passed to the next in rank), lets the winner or
 * the buyer decline, resolves the `grantee` recipients and publishes the results.
 */
@Injectable()
export class AwardsService implements OnModuleInit {
  /**
   * The award a decline names, for the facts and the listener of the WINNER_DECLINED transition
   * running in the same transaction (keyed by its manager).
   */
  private readonly declining = new WeakMap<EntityManager, Declining>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly lots: LotsService,
    private readonly calls: CallsService,
    private readonly facts: LotFactsRegistry,
    private readonly listeners: LotTransitionListeners,
    private readonly recipients: RecipientResolvers,
  ) {}

  onModuleInit(): void {
    this.facts.register({
      events: ['WINNER_DECLINED'],
      facts: async (lot, _event, manager) => {
        // Sent bare (POST /lots/{id}/events), it would not say whose award lapses: any NGO
        // member could end another's award.
        if (!this.declining.has(manager)) throw awardError.dedicatedEndpoint();
        return { remainingRanked: (await this.notYetOffered(manager, lot.id)).length };
      },
    });
    this.listeners.register((context) => this.keepInStep(context));
    this.recipients.register('grantee', (lot, manager) => this.grantees(lot.id, manager));
  }

  /**
   * The winner's NGO, or the buyer's staff (the winner did not sign in time), declines the
   * award: WINNER_DECLINED passes it to the next in rank with a fresh standstill, or leaves the
   * lot unsuccessful when no one is left.
   */
  async decline(lotId: string, request: DeclineRequest, actor: Actor): Promise<LotView> {
    const lot = await this.dataSource.transaction(async (manager) => {
      // Locked before the awards are read, so that the award declined is still current.
      const locked = await manager.findOne(Lot, {
        where: { id: lotId },
        lock: { mode: 'for_no_key_update' },
      });
      const buyer = locked !== null && actor.hasRole('buyer_staff', locked.buyerId);
      if (!locked || (locked.state === 'draft' && !buyer)) throw lotError.notFound(lotId);
      if (!buyer && !actor.hasRole('ngo_member')) {
        throw authError.roleRequired(['buyer_staff', 'ngo_member']);
      }
      if (!locked.state.startsWith('award.')) throw awardError.notInAward(locked.state);
      const current = await manager.find(Award, {
        where: { lotId, status: In(CURRENT) },
        order: { rank: 'ASC', decidedAt: 'ASC' },
      });
      const award = this.awardDeclined(lotId, current, request.awardId, actor, buyer);
      this.declining.set(manager, { awardId: award.id, reason: request.reason });
      try {
        return (await this.engine.applyIn(manager, lotId, { type: 'WINNER_DECLINED' }, actor)).lot;
      } finally {
        this.declining.delete(manager);
      }
    });
    return this.lots.view(lot, actor);
  }

  /**
   * The results everyone may read once the evaluation has closed (the lot reached the award,
   * or later, or ended after it): the ranking with aggregated scores, the current winners and
   * the protocol with its hash. Before that the lot has no results (404).
   */
  async results(lotId: string): Promise<PublicResultsView> {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneBy(Lot, { id: lotId });
    if (!lot || lot.state === 'draft') throw lotError.notFound(lotId);
    const final = await finalProtocolOf(manager, lotId);
    // Back in evaluation (an award annulled, or between two rounds) the decision is pending.
    if (!final || lot.state.startsWith('evaluation.')) throw awardError.resultsNotPublished(lotId);
    const ranking = rankingOf(final.protocol);
    const scores = applicationScoresOf(final.protocol);
    const ngos = await this.ngosOf(
      manager,
      ranking.map((entry) => entry.applicationId),
    );
    return {
      lotId,
      lotNumber: lot.number,
      lotTheme: lot.theme,
      state: lot.state,
      round: final.round,
      closedAt: final.closedAt,
      ranking: ranking.map((entry) => {
        const ngo = ngos.get(entry.applicationId);
        const score = scores.get(entry.applicationId);
        return {
          rank: entry.rank,
          applicationId: entry.applicationId,
          ngoId: ngo?.ngoId ?? '',
          ngoName: ngo?.ngoName ?? '',
          score: entry.score,
          aggregate: score?.aggregate ?? null,
          normalisedAggregate: score?.normalisedAggregate ?? null,
          count: score?.count ?? 0,
          min: score?.min ?? null,
          max: score?.max ?? null,
          stddev: score?.stddev ?? null,
          highSpread: score?.highSpread ?? false,
        };
      }),
      winners: await this.winners(manager, lotId),
      protocol: publicProtocol(final.protocol),
      protocolHash: final.protocolHash,
    };
  }

  /** Which current award the caller declines: theirs (an NGO) or the one named (the buyer). */
  private awardDeclined(
    lotId: string,
    current: readonly Award[],
    awardId: string | undefined,
    actor: Actor,
    buyer: boolean,
  ): Award {
    const declinable = buyer
      ? current
      : current.filter((award) => actor.hasRole('ngo_member', award.ngoId));
    if (awardId !== undefined) {
      const named = declinable.find((award) => award.id === awardId);
      if (named) return named;
      if (current.some((award) => award.id === awardId)) throw awardError.notTheWinner();
      throw awardError.awardNotFound(awardId);
    }
    if (declinable.length === 1) return declinable[0];
    if (declinable.length > 1) throw awardError.awardAmbiguous(declinable.map((a) => a.id));
    if (current.length === 0) throw awardError.noCurrentAward(lotId);
    throw awardError.notTheWinner();
  }

  /** Runs in every accepted transition's transaction, after the lot changed. */
  private async keepInStep({ manager, lot, event, transition }: LotTransitionContext) {
    const entered = transition.stateName;
    if (event.type === 'WINNER_DECLINED') {
      await this.passOn(manager, lot, entered === 'award.standstill');
    } else if (event.type === 'ANNUL_AWARD') {
      await this.setStatus(manager, lot.id, ['pending'], 'annulled', reasonOf(event));
    } else if (entered === 'cancelled') {
      await this.setStatus(manager, lot.id, CURRENT, 'cancelled', reasonOf(event));
    }
    if (entered === 'award.contracting') {
      await this.setStatus(manager, lot.id, ['pending'], 'active', null);
    }
  }

  /** The declined award lapses; with someone left in rank, the next one gets a pending award. */
  private async passOn(manager: EntityManager, lot: Lot, nextInRank: boolean): Promise<void> {
    const stated = this.declining.get(manager);
    // The facts provider refused the event without it.
    if (!stated) throw new Error(`WINNER_DECLINED on lot ${lot.id} without the award declined`);
    await manager.query(
      `UPDATE awards SET status = 'declined', status_reason = $2, status_changed_at = now()
       WHERE id = $1`,
      [stated.awardId, stated.reason],
    );
    if (nextInRank) await this.offerToNextInRank(manager, lot);
  }

  /**
   * A pending award to the best-ranked application not offered one yet: its requested amount,
   * within what the call's maximum leaves beside the awards that still hold.
   */
  private async offerToNextInRank(manager: EntityManager, lot: Lot): Promise<void> {
    const [next] = await this.notYetOffered(manager, lot.id);
    // The machine accepted WINNER_DECLINED with remainingRanked > 0, counted in this transaction.
    if (!next) throw new Error(`Lot ${lot.id}: no ranked application left to offer the award`);
    const [application] = (await manager.query(
      `SELECT ngo_id AS "ngoId", requested_amount AS "requestedAmount"
       FROM applications WHERE id = $1`,
      [next.applicationId],
    )) as { ngoId: string; requestedAmount: string }[];
    const call = await this.calls.current(lot.id, manager);
    const [{ held }] = (await manager.query(
      `SELECT COALESCE(SUM(amount), 0)::bigint AS held FROM awards
       WHERE lot_id = $1 AND status IN ('pending', 'active')`,
      [lot.id],
    )) as [{ held: string }];
    const left = Math.max(0, (call?.maxAmount ?? lot.maxAmount) - Number(held));
    await manager.insert(Award, {
      lotId: lot.id,
      applicationId: next.applicationId,
      ngoId: application.ngoId,
      rank: next.rank,
      amount: Math.min(Number(application.requestedAmount), left),
      currency: lot.currency,
      status: 'pending',
    });
  }

  /** Ranked applications of the final protocol that were never offered an award, in rank order. */
  private async notYetOffered(manager: EntityManager, lotId: string) {
    const final = await finalProtocolOf(manager, lotId);
    if (!final) return [];
    const offered = (await manager.query(
      `SELECT application_id AS id FROM awards WHERE lot_id = $1`,
      [lotId],
    )) as { id: string }[];
    const taken = new Set(offered.map((row) => row.id));
    return rankingOf(final.protocol).filter((entry) => !taken.has(entry.applicationId));
  }

  private async setStatus(
    manager: EntityManager,
    lotId: string,
    from: readonly Award['status'][],
    to: Award['status'],
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE awards SET status = $3, status_reason = $4, status_changed_at = now()
       WHERE lot_id = $1 AND status = ANY($2)`,
      [lotId, from, to, reason],
    );
  }

  private async winners(manager: EntityManager, lotId: string): Promise<WinnerView[]> {
    const rows = (await manager.query(
      `SELECT w.ngo_id AS "ngoId", o.name AS "ngoName", w.rank, w.amount,
              w.currency, w.status
       FROM awards w JOIN organisations o ON o.id = w.ngo_id
       WHERE w.lot_id = $1 AND w.status IN ('pending', 'active')
       ORDER BY w.rank, w.decided_at`,
      [lotId],
    )) as (Omit<WinnerView, 'amount'> & { amount: string })[];
    return rows.map((row) => ({ ...row, amount: Number(row.amount) }));
  }

  private async ngosOf(manager: EntityManager, applicationIds: readonly string[]) {
    const rows = (await manager.query(
      `SELECT a.id, a.ngo_id AS "ngoId", o.name AS "ngoName"
       FROM applications a JOIN organisations o ON o.id = a.ngo_id WHERE a.id = ANY($1)`,
      [applicationIds],
    )) as { id: string; ngoId: string; ngoName: string }[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The members of the NGOs whose award holds. */
  private async grantees(lotId: string, manager: EntityManager): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT DISTINCT m.user_id AS "userId", m.organisation_id AS "organisationId"
       FROM awards w
       JOIN memberships m ON m.organisation_id = w.ngo_id AND m.role = 'ngo_member'
       JOIN users u ON u.id = m.user_id
       WHERE w.lot_id = $1 AND w.status IN ('pending', 'active') AND u.active`,
      [lotId],
    )) as Recipient[];
  }
}

/** The reason CANCEL or ANNUL_AWARD was sent with. */
function reasonOf(event: Readonly<Record<string, unknown>>): string | null {
  return typeof event.reason === 'string' ? event.reason : null;
}
