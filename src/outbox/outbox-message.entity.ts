import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type EntityManager,
  type QueryDeepPartialEntity,
} from 'typeorm';
import { Lot } from '../lots/lot.entity.js';

/**
 * An effect a committed change asks for (arm a deadline, notify, publish a release), written in
 * the change's own transaction; a relay hands it to the queue only after commit.
 */
@Entity('outbox')
// Partial index on unsent rows, created by the migration.
@Index('outbox_unsent_idx', { synchronize: false })
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  lotId: string | null;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'outbox_lot_id_fkey' })
  private readonly lot?: Lot;
}

/** A row for the outbox, as a change asks for it. */
export type OutboxEntry = Pick<OutboxMessage, 'lotId' | 'topic' | 'payload'>;

/**
 * Where a change puts its outbox rows: written at once, or gathered by the lot engine and
 * written with the transition's others in one statement.
 */
export type OutboxWriter = (entry: OutboxEntry) => Promise<void>;

/** Writes each row at once, in the manager's transaction. */
export function outboxOf(manager: EntityManager): OutboxWriter {
  return async (entry) => {
    await manager.insert(OutboxMessage, entry as QueryDeepPartialEntity<OutboxMessage>);
  };
}
