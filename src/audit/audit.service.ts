import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { hashEntry, verifyLots, type ChainedEntry, type ChainVerdict } from './audit-chain.js';

export type NewAuditEntry = Omit<ChainedEntry, 'prevHash' | 'occurredAt'>;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry in the caller's transaction, chained to the lot's previous entry. The lot
   * engine calls it after its compare-and-swap, which already serialises writers of one lot.
   */
  async append(manager: EntityManager, entry: NewAuditEntry): Promise<AuditEvent> {
    // The previous entry's hash and the database clock, to the millisecond that a JavaScript
    // Date (and so the hash) keeps, in one round trip. The clock now, not the transaction's
    // start: a change that waited for the lot's lock happened after what it waited for.
    const [{ prevHash, now }] = (await manager.query(
      `SELECT (SELECT hash FROM audit_events WHERE lot_id = $1 ORDER BY seq DESC LIMIT 1)
                AS "prevHash",
              date_trunc('milliseconds', clock_timestamp()) AS now`,
      [entry.lotId],
    )) as [{ prevHash: string | null; now: Date }];
    const chained: ChainedEntry = { ...entry, occurredAt: now, prevHash };
    const event = manager.create(AuditEvent, { ...chained, hash: hashEntry(chained) });
    // Plain SQL: every change appends, and the query builder costs more CPU than the statement.
    const [{ id }] = (await manager.query(
      `INSERT INTO audit_events (lot_id, seq, occurred_at, actor_user_id, actor_role, event_type,
                                 from_state, to_state, payload, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        event.lotId,
        event.seq,
        event.occurredAt,
        event.actorUserId,
        event.actorRole,
        event.eventType,
        event.fromState,
        event.toState,
        JSON.stringify(event.payload),
        event.prevHash,
        event.hash,
      ],
    )) as [{ id: string }];
    event.id = id;
    return event;
  }

  async history(lotId: string): Promise<AuditEvent[]> {
    return this.dataSource
      .getRepository(AuditEvent)
      .find({ where: { lotId }, order: { seq: 'ASC' } });
  }

  async verify(lotId: string): Promise<ChainVerdict> {
    const [{ verdict }] = await verifyLots(this.dataSource, [lotId]);
    return verdict;
  }
}
