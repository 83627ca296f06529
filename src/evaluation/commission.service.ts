import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { getProfile, type CommissionComposition } from '../../workflows/index.js';
import {
  CommissionClearances,
  isSealed,
  type CommissionClearance,
} from '../applications/application-access.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { drawFrom, newSeed } from './commission-draw.js';
import { CommissionDraw, type DrawPool } from './commission-draw.entity.js';
import {
  CommissionMember,
  type CommissionOffice,
  type Nominator,
} from './commission-member.entity.js';
import { commissionError } from './commission.errors.js';
import { ConflictDeclarationHistoryEntry } from './conflict-declaration-history.entity.js';
import { ConflictDeclaration, type DeclaredLink } from './conflict-declaration.entity.js';
import type {
  CommissionDrawView,
  CommissionMemberInput,
  CommissionRequest,
  CommissionRoundView,
  CommissionView,
  DeclarationRequest,
  DeclarationView,
  DrawRequest,
} from './dto/commission.dto.js';

type Round = 1 | 2;

/** A member as composed: who, in which office, named by whom. */
interface ComposedMember {
  userId: string;
  office: CommissionOffice;
  nominatedBy: Nominator | null;
}

/**
 * A lot's commission per round: its composition (named, or drawn from expert registers with a
 * recorded seed) fixed before the round's evaluation begins, the members' conflict-of-interest
 * declarations while it runs, and the rule that tells the applications module who may read what.
 */
@Injectable()
export class CommissionService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clearances: CommissionClearances,
  ) {}

  onModuleInit(): void {
    this.clearances.register((manager, application, actor) =>
      this.clearanceOf(manager, application, actor),
    );
  }

  /** Kazakhstan's second round has its own commission; every other stage belongs to round 1. */
  currentRound(lot: Pick<Lot, 'state'>): Round {
    return lot.state.startsWith('evaluation.secondRound') ? 2 : 1;
  }

  membersOf(manager: EntityManager, lotId: string, round: number): Promise<CommissionMember[]> {
    return manager.find(CommissionMember, {
      where: { lotId, round },
      order: { addedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The member's office in the round's commission; null when they are not on it. */
  async officeOf(
    manager: EntityManager,
    lotId: string,
    round: number,
    userId: string,
  ): Promise<CommissionOffice | null> {
    const member = await manager.findOne(CommissionMember, { where: { lotId, round, userId } });
    return member?.office ?? null;
  }

  /** Whether the user sits on the lot's commission in any round. */
  sitsOn(manager: EntityManager, lotId: string, userId: string): Promise<boolean> {
    return manager.existsBy(CommissionMember, { lotId, userId });
  }

  /** Application → the members who declared a link to it (and so are recused for it). */
  async recusalsOf(
    manager: EntityManager,
    lotId: string,
    round: number,
  ): Promise<Map<string, string[]>> {
    const declarations = await manager.find(ConflictDeclaration, { where: { lotId, round } });
    const recusals = new Map<string, string[]>();
    for (const declaration of declarations) {
      for (const { applicationId } of declaration.links) {
        const members = recusals.get(applicationId) ?? [];
        if (!members.includes(declaration.memberUserId)) members.push(declaration.memberUserId);
        recusals.set(applicationId, members);
      }
    }
    return recusals;
  }

  hasDeclared(
    manager: EntityManager,
    lotId: string,
    round: number,
    userId: string,
  ): Promise<boolean> {
    return manager.exists(ConflictDeclaration, {
      where: { lotId, round, memberUserId: userId },
    });
  }

  // --- composition ---------------------------------------------------------------------------

  /** Replaces the round's commission, before that round's evaluation begins. */
  async compose(
    lotId: string,
    request: CommissionRequest,
    actor: Actor,
  ): Promise<CommissionRoundView> {
    const round = request.round ?? 1;
    await this.dataSource.transaction(async (manager) => {
      const lot = await this.lockForComposition(manager, lotId, round, actor);
      const members = request.members.map((member: CommissionMemberInput) => ({
        userId: member.userId,
        office: member.office,
        nominatedBy: member.nominatedBy ?? null,
      }));
      await this.replace(manager, lot, round, members, actor);
    });
    return this.roundView(this.dataSource.manager, lotId, round);
  }

  /**
   * Draws the round's commission from expert registers (see drawFrom; each pool's label is
   * `<lotId>/<round>/<pool number from 1>`), records the draw with its seed, and makes the drawn
   * the commission: the chair is the one named (among the drawn) or the first drawn; a
   * secretary only when named.
   */
  async draw(lotId: string, request: DrawRequest, actor: Actor): Promise<CommissionRoundView> {
    const round = request.round ?? 1;
    const seed = request.seed ?? newSeed();
    await this.dataSource.transaction(async (manager) => {
      const lot = await this.lockForComposition(manager, lotId, round, actor);
      const pools: DrawPool[] = request.pools.map((pool) => ({
        register: [...pool.from].sort(),
        size: pool.size,
        nominatedBy: pool.nominatedBy ?? null,
      }));
      const inTwo = pools
        .flatMap((pool) => pool.register)
        .filter((userId, index, all) => all.indexOf(userId) !== index);
      if (inTwo.length > 0) throw commissionError.duplicateMember([...new Set(inTwo)]);
      const members: ComposedMember[] = [];
      pools.forEach((pool, index) => {
        if (pool.size > pool.register.length) {
          throw commissionError.drawTooLarge(index + 1, pool.size, pool.register.length);
        }
        for (const userId of drawFrom(
          seed,
          `${lotId}/${round}/${index + 1}`,
          pool.register,
          pool.size,
        )) {
          members.push({ userId, office: 'member', nominatedBy: pool.nominatedBy });
        }
      });
      const chair = request.chair ?? members[0].userId;
      for (const [userId, office] of [
        [chair, 'chair'],
        [request.secretary, 'secretary'],
      ] as const) {
        if (userId === undefined) continue;
        const member = members.find((candidate) => candidate.userId === userId);
        if (!member) throw commissionError.notDrawn(userId);
        if (member.office !== 'member') throw commissionError.duplicateMember([userId]);
        member.office = office;
      }
      await this.replace(manager, lot, round, members, actor);
      await manager.insert(CommissionDraw, {
        lotId,
        round,
        seed,
        pools,
        drawn: members.map((member) => member.userId),
        drawnBy: actor.userId,
      });
    });
    return this.roundView(this.dataSource.manager, lotId, round);
  }

  /** Each round's commission, with who has declared; for the buyer's staff and commission. */
  async view(lotId: string, actor: Actor): Promise<CommissionView> {
    const manager = this.dataSource.manager;
    const lot = await this.lotOf(manager, lotId);
    if (
      !actor.hasRole('buyer_staff', lot.buyerId) &&
      !actor.hasRole('commission_member', lot.buyerId)
    ) {
      throw authError.roleRequired(['buyer_staff', 'commission_member']);
    }
    const rounds: CommissionRoundView[] = [];
    for (let round = 1; round <= getProfile(lot.profileId).rounds; round += 1) {
      rounds.push(await this.roundView(manager, lotId, round));
    }
    return { lotId, lotState: lot.state, currentRound: this.currentRound(lot), rounds };
  }

  /**
   * Locks the lot against transitions (FOR NO KEY UPDATE, as the engine does) and checks that the
   * buyer's staff may still compose the round: round 1 until the call closes, round 2 until the
   * second round begins.
   */
  private async lockForComposition(
    manager: EntityManager,
    lotId: string,
    round: Round,
    actor: Actor,
  ): Promise<Lot> {
    const lot = await this.lotOf(manager, lotId, true);
    if (!actor.hasRole('buyer_staff', lot.buyerId)) throw authError.roleRequired(['buyer_staff']);
    const { rounds } = getProfile(lot.profileId);
    if (round > rounds) throw commissionError.noSuchRound(round, rounds);
    const open =
      isSealed(lot.state) ||
      (round === 2 &&
        lot.state.startsWith('evaluation.') &&
        !lot.state.startsWith('evaluation.secondRound'));
    if (!open) throw commissionError.compositionClosed(round, lot.state);
    return lot;
  }

  private async replace(
    manager: EntityManager,
    lot: Lot,
    round: Round,
    members: readonly ComposedMember[],
    actor: Actor,
  ): Promise<void> {
    const userIds = members.map((member) => member.userId);
    const twice = userIds.filter((userId, index) => userIds.indexOf(userId) !== index);
    if (twice.length > 0) throw commissionError.duplicateMember([...new Set(twice)]);
    const chairs = members.filter((member) => member.office === 'chair').length;
    if (chairs !== 1) throw commissionError.chairRequired(chairs);
    const secretaries = members.filter((member) => member.office === 'secretary').length;
    if (secretaries > 1) throw commissionError.oneSecretary(secretaries);
    const eligible = (await manager.query(
      `SELECT u.id FROM users u
       JOIN memberships m ON m.user_id = u.id
        AND m.organisation_id = $2 AND m.role = 'commission_member'
       WHERE u.id = ANY($1) AND u.active`,
      [userIds, lot.buyerId],
    )) as { id: string }[];
    const outsiders = userIds.filter((userId) => !eligible.some((row) => row.id === userId));
    if (outsiders.length > 0) throw commissionError.notCommissionMembers(outsiders);
    const rules = getProfile(lot.profileId).commission;
    const violations = rules ? compositionViolations(rules, members) : [];
    if (violations.length > 0) throw commissionError.compositionRules(lot.profileId, violations);

    await manager.delete(CommissionMember, { lotId: lot.id, round });
    await manager.insert(
      CommissionMember,
      members.map((member) => ({ ...member, lotId: lot.id, round, addedBy: actor.userId })),
    );
  }

  private async roundView(
    manager: EntityManager,
    lotId: string,
    round: number,
  ): Promise<CommissionRoundView> {
    const members = (await manager.query(
      `SELECT c.user_id AS "userId", u.full_name AS "fullName", c.office,
              c.nominated_by AS "nominatedBy", d.declared_at AS "declaredAt"
       FROM commission_members c
       JOIN users u ON u.id = c.user_id
       LEFT JOIN conflict_declarations d
         ON d.lot_id = c.lot_id AND d.round = c.round AND d.member_user_id = c.user_id
       WHERE c.lot_id = $1 AND c.round = $2
       ORDER BY CASE c.office WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END,
                u.full_name, c.user_id`,
      [lotId, round],
    )) as Omit<CommissionRoundView['members'][number], 'declared'>[];
    const [draws, last] = await Promise.all([
      manager.count(CommissionDraw, { where: { lotId, round } }),
      manager.findOne(CommissionDraw, {
        where: { lotId, round },
        order: { drawnAt: 'DESC', id: 'DESC' },
      }),
    ]);
    return {
      round,
      members: members.map((member) => ({ ...member, declared: member.declaredAt !== null })),
      draws,
      lastDraw: last ? drawView(last) : null,
    };
  }

  // --- declarations --------------------------------------------------------------------------

  /**
   * Declares (or amends) the caller's conflicts of interest for the round under way. Links are
   * only ever added: one declared stays, so a recusal cannot be undone after the member read
   * the applications. Each declaration and amendment is kept in the declaration history.
   */
  async declare(
    lotId: string,
    request: DeclarationRequest,
    actor: Actor,
  ): Promise<DeclarationView> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: the round cannot end (a transition) while the declaration is written.
      const lot = await this.lotOf(manager, lotId, false, true);
      const round = request.round ?? this.currentRound(lot);
      if (!this.declarationsOpen(lot, round)) {
        throw commissionError.declarationsClosed(round, lot.state);
      }
      if (!(await this.officeOf(manager, lotId, round, actor.userId))) {
        throw commissionError.notMember(round);
      }
      const links: DeclaredLink[] = request.links.map(({ applicationId, link, note }) => ({
        applicationId,
        link,
        ...(note === undefined ? {} : { note }),
      }));
      const seen = new Set<string>();
      for (const { applicationId, link } of links) {
        const key = `${applicationId}/${link}`;
        if (seen.has(key)) throw commissionError.duplicateLink(applicationId, link);
        seen.add(key);
      }
      const named = [...new Set(links.map((link) => link.applicationId))];
      const submitted = (await manager.query(
        `SELECT id FROM applications WHERE lot_id = $1 AND status = 'submitted' AND id = ANY($2)`,
        [lotId, named],
      )) as { id: string }[];
      const unknown = named.filter((id) => !submitted.some((row) => row.id === id));
      if (unknown.length > 0) throw commissionError.unknownApplications(unknown);

      const created = (await manager.query(
        `INSERT INTO conflict_declarations (lot_id, round, member_user_id, links)
         VALUES ($1, $2, $3, $4) ON CONFLICT (lot_id, round, member_user_id) DO NOTHING
         RETURNING id`,
        [lotId, round, actor.userId, JSON.stringify(links)],
      )) as { id: string }[];
      const declaration = await manager.findOneOrFail(ConflictDeclaration, {
        where: { lotId, round, memberUserId: actor.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (created.length === 0) {
        const removed = declaration.links.filter(
          (earlier) => !seen.has(`${earlier.applicationId}/${earlier.link}`),
        );
        if (removed.length > 0) {
          throw commissionError.linkRemoved(
            removed.map(({ applicationId, link }) => ({ applicationId, link })),
          );
        }
        if (sameLinks(declaration.links, links)) {
          return declarationView(declaration, await this.changedAt(manager, declaration));
        }
        await manager.update(ConflictDeclaration, { id: declaration.id }, { links });
        declaration.links = links;
      }
      const entry = await manager.save(
        manager.create(ConflictDeclarationHistoryEntry, {
          lotId,
          round,
          memberUserId: actor.userId,
          links,
        }),
      );
      return declarationView(declaration, entry.recordedAt);
    });
  }

  /** The caller's own declaration for a round (default: the round under way). */
  async declarationOf(
    lotId: string,
    round: Round | undefined,
    actor: Actor,
  ): Promise<DeclarationView> {
    const manager = this.dataSource.manager;
    const lot = await this.lotOf(manager, lotId);
    const wanted = round ?? this.currentRound(lot);
    const declaration = await manager.findOne(ConflictDeclaration, {
      where: { lotId, round: wanted, memberUserId: actor.userId },
    });
    if (!declaration) {
      if (!(await this.officeOf(manager, lotId, wanted, actor.userId))) {
        throw commissionError.notMember(wanted);
      }
      throw commissionError.notDeclared(wanted);
    }
    return declarationView(declaration, await this.changedAt(manager, declaration));
  }

  /** When the declaration last changed: its latest history entry (or its first declaration). */
  private async changedAt(manager: EntityManager, declaration: ConflictDeclaration): Promise<Date> {
    const [last] = await manager.find(ConflictDeclarationHistoryEntry, {
      where: {
        lotId: declaration.lotId,
        round: declaration.round,
        memberUserId: declaration.memberUserId,
      },
      order: { recordedAt: 'DESC', id: 'DESC' },
      take: 1,
    });
    return last?.recordedAt ?? declaration.declaredAt;
  }

  /** A round's members declare once its evaluation is under way: they see applications only then. */
  private declarationsOpen(lot: Lot, round: number): boolean {
    if (!lot.state.startsWith('evaluation.')) return false;
    return this.currentRound(lot) === round;
  }

  // --- reading applications ------------------------------------------------------------------

  /**
   * Whether a commission member may read an application: only members of the commission of the
   * round that reads now, once they have declared, and not for an application they are linked to.
   */
  private async clearanceOf(
    manager: EntityManager,
    application: { id: string; lotId: string },
    actor: Actor,
  ): Promise<CommissionClearance> {
    const lot = await this.lotOf(manager, application.lotId);
    const round = await this.readingRound(manager, lot);
    if (!(await this.officeOf(manager, lot.id, round, actor.userId))) return 'notOnCommission';
    const declaration = await manager.findOne(ConflictDeclaration, {
      where: { lotId: lot.id, round, memberUserId: actor.userId },
    });
    if (!declaration) return 'undeclared';
    return declaration.links.some((link) => link.applicationId === application.id)
      ? 'recused'
      : 'cleared';
  }

  /**
   * The round whose commission reads the applications: the one under way during evaluation;
   * afterwards (award, complaints) the last round that closed with a protocol.
   */
  private async readingRound(manager: EntityManager, lot: Lot): Promise<number> {
    if (lot.state.startsWith('evaluation.')) return this.currentRound(lot);
    const [{ round }] = (await manager.query(
      `SELECT coalesce(max(round), 1)::int AS round FROM evaluation_protocols WHERE lot_id = $1`,
      [lot.id],
    )) as [{ round: number }];
    return round;
  }

  private async lotOf(
    manager: EntityManager,
    lotId: string,
    forUpdate = false,
    forShare = false,
  ): Promise<Lot> {
    const lock = forUpdate
      ? { lock: { mode: 'for_no_key_update' as const } }
      : forShare
        ? { lock: { mode: 'pessimistic_read' as const } }
        : {};
    const lot = await manager.findOne(Lot, { where: { id: lotId }, ...lock });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }
}

/**
 * What a commission breaks of its profile's rules, in words (empty: nothing). Shares are bounds
 * on exact fractions: 11 of 15 meets "at least 7/10", 10 of 15 does not.
 */
export function compositionViolations(
  rules: CommissionComposition,
  members: readonly { nominatedBy: Nominator | null }[],
): string[] {
  const size = members.length;
  const violations: string[] = [];
  if (rules.oddSize && size % 2 === 0) violations.push(`an odd number of members, not ${size}`);
  if (rules.minSize !== undefined && size < rules.minSize) {
    violations.push(`at least ${rules.minSize} members, not ${size}`);
  }
  if (rules.maxSize !== undefined && size > rules.maxSize) {
    violations.push(`at most ${rules.maxSize} members, not ${size}`);
  }
  const shares = rules.nominatorShares;
  if (!shares) return violations;
  const nominators = Object.keys(shares) as Nominator[];
  if (members.some((member) => member.nominatedBy === null)) {
    violations.push('every member states who named them (nominatedBy)');
  }
  const others = members.filter(
    (member) => member.nominatedBy !== null && !nominators.includes(member.nominatedBy),
  );
  if (others.length > 0) violations.push(`only ${nominators.join(' and ')} name members`);
  for (const nominator of nominators) {
    const count = members.filter((member) => member.nominatedBy === nominator).length;
    const { min, max } = shares[nominator] ?? {};
    if (min && count * min.denominator < size * min.numerator) {
      violations.push(
        `at least ${min.numerator}/${min.denominator} named by ${nominator}, not ${count} of ${size}`,
      );
    }
    if (max && count * max.denominator > size * max.numerator) {
      violations.push(
        `at most ${max.numerator}/${max.denominator} named by ${nominator}, not ${count} of ${size}`,
      );
    }
  }
  return violations;
}

function sameLinks(a: readonly DeclaredLink[], b: readonly DeclaredLink[]): boolean {
  const key = (link: DeclaredLink) => `${link.applicationId}/${link.link}/${link.note ?? ''}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function declarationView(declaration: ConflictDeclaration, changedAt: Date): DeclarationView {
  return {
    lotId: declaration.lotId,
    round: declaration.round,
    memberUserId: declaration.memberUserId,
    links: declaration.links,
    declaredAt: declaration.declaredAt,
    changedAt,
  };
}

function drawView(draw: CommissionDraw): CommissionDrawView {
  const { id, seed, pools, drawn, drawnBy, drawnAt } = draw;
  return { id, seed, pools, drawn, drawnBy, drawnAt };
}
