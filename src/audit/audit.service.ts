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
    const previous = await manager.findOne(AuditEvent, {
      where: { lotId: entry.lotId },
      order: { seq: 'DESC' },
    });
    // The database clock, to the millisecond that a JavaScript Date (and so the hash) keeps.
    const [{ now }] = (await manager.query(`SELECT date_trunc('milliseconds', now()) AS now`)) as [
      { now: Date },
    ];
    const chained: ChainedEntry = { ...entry, occurredAt: now, prevHash: previous?.hash ?? null };
    return manager.save(manager.create(AuditEvent, { ...chained, hash: hashEntry(chained) }));
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
