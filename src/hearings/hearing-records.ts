import type { EntityManager } from 'typeorm';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { HearingLot } from './hearing-lot.entity.js';
import { hearingError } from './hearing.errors.js';

/**
 * Reads and locks shared by the hearing services. Lock order is always the lot, then its
 * hearing_lots row, then a comment; the lot engine takes the lot FOR NO KEY UPDATE, so a lot
 * held FOR SHARE here keeps its state until this transaction commits.
 */

/** The lot, held FOR SHARE: its state cannot change under us. */
export async function lockLot(manager: EntityManager, lotId: string): Promise<Lot> {
  const lot = await manager.findOne(Lot, {
    where: { id: lotId },
    lock: { mode: 'pessimistic_read' },
  });
  if (!lot) throw lotError.notFound(lotId);
  return lot;
}

/**
 * The lot's part in its latest hearing (a revised lot published again has a new one), or null.
 * With a lock mode, the row is held; the lot should be locked first.
 */
export async function latestHearingLot(
  manager: EntityManager,
  lotId: string,
  lock?: 'pessimistic_read' | 'pessimistic_write',
): Promise<HearingLot | null> {
  const [latest] = (await manager.query(
    `SELECT hl.hearing_id AS "hearingId" FROM hearing_lots hl
     JOIN hearings h ON h.id = hl.hearing_id
     WHERE hl.lot_id = $1 ORDER BY h.published_at DESC, h.id DESC LIMIT 1`,
    [lotId],
  )) as { hearingId: string }[];
  if (!latest) return null;
  return manager.findOne(HearingLot, {
    where: { hearingId: latest.hearingId, lotId },
    ...(lock ? { lock: { mode: lock } } : {}),
  });
}

/** As latestHearingLot, but a lot never published for hearing is a 404. */
export async function currentHearingLot(
  manager: EntityManager,
  lotId: string,
  lock?: 'pessimistic_read' | 'pessimistic_write',
): Promise<HearingLot> {
  const part = await latestHearingLot(manager, lotId, lock);
  if (!part) throw hearingError.hearingNotFound(lotId);
  return part;
}

export interface RegistrationDeadline {
  dueAt: Date;
  firedAt: Date | null;
  /** By the database clock, at the moment of the query. */
  passed: boolean;
}

/** The lot's hearingRegistration deadline row, as the deadlines module wrote it. */
export async function registrationDeadline(
  manager: EntityManager,
  lotId: string,
): Promise<RegistrationDeadline | null> {
  const [row] = (await manager.query(
    `SELECT due_at AS "dueAt", fired_at AS "firedAt", clock_timestamp() >= due_at AS passed
     FROM lot_deadlines WHERE lot_id = $1 AND kind = 'hearingRegistration'`,
    [lotId],
  )) as RegistrationDeadline[];
  return row ?? null;
}

/** The lot takes comments and answers: under hearing, and its protocol not yet approved. */
export function isOpenForComments(lot: Lot, part: HearingLot): boolean {
  return lot.state.startsWith('publicHearing.') && part.approvedAt === null;
}
