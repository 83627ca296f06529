import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { Agreement } from './agreement.entity.js';
import { reportingError } from './reporting.errors.js';

/**
 * Who may do what under an agreement: the buyer's staff draft, sign for the buyer, review and
 * pay; members of the grantee NGO sign for it and report; the buyer's commission and admins
 * read. Everyone else is refused.
 */

/**
 * The lot, locked against a concurrent transition when `lock` (FOR NO KEY UPDATE, as the engine
 * takes it), so that what is checked here still holds at commit. A draft is the buyer's alone.
 */
export async function lotFor(
  manager: EntityManager,
  lotId: string,
  actor: Actor,
  lock: boolean,
): Promise<Lot> {
  const lot = await manager.findOne(Lot, {
    where: { id: lotId },
    ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
  });
  if (!lot || (lot.state === 'draft' && !actor.hasRole('buyer_staff', lot.buyerId))) {
    throw lotError.notFound(lotId);
  }
  return lot;
}

export async function agreementOf(manager: EntityManager, lotId: string): Promise<Agreement> {
  const agreement = await manager.findOneBy(Agreement, { lotId });
  if (!agreement) throw reportingError.noAgreement(lotId);
  return agreement;
}

export function isBuyer(actor: Actor, lot: Pick<Lot, 'buyerId'>): boolean {
  return actor.hasRole('buyer_staff', lot.buyerId);
}

export function isGrantee(actor: Actor, agreement: Pick<Agreement, 'ngoId'>): boolean {
  return actor.hasRole('ngo_member', agreement.ngoId);
}

export function requireBuyer(actor: Actor, lot: Pick<Lot, 'buyerId'>): void {
  if (isBuyer(actor, lot)) return;
  throw actor.hasRole('buyer_staff')
    ? authError.organisationNotYours(lot.buyerId)
    : authError.roleRequired(['buyer_staff']);
}

export function requireGrantee(actor: Actor, agreement: Pick<Agreement, 'ngoId'>): void {
  if (isGrantee(actor, agreement)) return;
  throw actor.hasRole('ngo_member')
    ? reportingError.notAParty(agreement.ngoId)
    : authError.roleRequired(['ngo_member']);
}

/** Reading the agreement: its two sides, the buyer's commission, admins. */
export function requireReader(
  actor: Actor,
  lot: Pick<Lot, 'buyerId'>,
  agreement: Pick<Agreement, 'ngoId'>,
): void {
  if (
    actor.isAdmin ||
    isBuyer(actor, lot) ||
    actor.hasRole('commission_member', lot.buyerId) ||
    isGrantee(actor, agreement)
  ) {
    return;
  }
  throw actor.hasRole('ngo_member')
    ? reportingError.notAParty(agreement.ngoId)
    : authError.roleRequired(['buyer_staff', 'commission_member', 'ngo_member']);
}

/** The agreement runs: signed by both sides and the lot in reporting. */
export function requireRunning(lot: Lot, agreement: Agreement): void {
  if (lot.state !== 'reporting') throw reportingError.lotNotReporting(lot.state);
  if (agreement.status !== 'signed') throw reportingError.agreementNotSigned(agreement.status);
}
