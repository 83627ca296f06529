import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { canonicalJson } from '../common/canonical-json.js';

/** The fields of an audit entry that its hash covers (everything but its id and own hash). */
export interface ChainedEntry {
  lotId: string;
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string;
  eventType: string;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
  prevHash: string | null;
}

/** sha-256 over the canonical JSON of the entry, which includes the previous entry's hash. */
export function hashEntry(entry: ChainedEntry): string {
  const { lotId, seq, occurredAt, actorUserId, actorRole, eventType } = entry;
  const { fromState, toState, payload, prevHash } = entry;
  const canonical = canonicalJson({
    lotId,
    seq,
    occurredAt: occurredAt.toISOString(),
    actorUserId,
    actorRole,
    eventType,
    fromState,
    toState,
    payload,
    prevHash,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainVerdict {
  valid: boolean;
  entries: number;
  /** The first entry that does not hold, and why. */
  firstBroken?: { seq: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' };
}

/** Checks a lot's entries in seq order: each hash recomputes and points at its predecessor. */
export function verifyChain(entries: readonly (ChainedEntry & { hash: string })[]): ChainVerdict {
  let previous: string | null = null;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) {
      return {
        valid: false,
        entries: entries.length,
        firstBroken: { seq: index + 1, reason: 'seq-gap' },
      };
    }
    if (entry.prevHash !== previous) {
      return {
        valid: false,
        entries: entries.length,
        firstBroken: { seq: entry.seq, reason: 'prev-hash-mismatch' },
      };
    }
    if (hashEntry(entry) !== entry.hash) {
      return {
        valid: false,
        entries: entries.length,
        firstBroken: { seq: entry.seq, reason: 'hash-mismatch' },
      };
    }
    previous = entry.hash;
  }
  return { valid: true, entries: entries.length };
}

/**
 * Verifies the chains of the given lots, or of every lot with audit entries. A lot with no
 * entries at all is reported broken: every lot has at least its creation.
 */
export async function verifyLots(
  dataSource: DataSource,
  lotIds: readonly string[] = [],
): Promise<{ lotId: string; verdict: ChainVerdict }[]> {
  const repository = dataSource.getRepository(AuditEvent);
  const ids =
    lotIds.length > 0
      ? lotIds
      : (
          await repository
            .createQueryBuilder('e')
            .select('DISTINCT e.lotId', 'lotId')
            .getRawMany<{ lotId: string }>()
        ).map((row) => row.lotId);
  const verdicts = [];
  for (const lotId of ids) {
    const entries = await repository.find({ where: { lotId }, order: { seq: 'ASC' } });
    const verdict = verifyChain(entries);
    verdicts.push({
      lotId,
      verdict: entries.length === 0 ? { ...verdict, valid: false } : verdict,
    });
  }
  return verdicts;
}
