import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Lot } from '../lots/lot.entity.js';

/**
 * One entry of a lot's audit trail. Append-only (a trigger refuses UPDATE and DELETE), and
 * each entry's hash covers the previous entry's hash, so a changed or removed row shows.
 */
@Entity('audit_events')
@Unique('audit_events_lot_seq_key', ['lotId', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** 1, 2, 3… within the lot: the lot's version after the change. */
  @Column({ type: 'int' })
  seq: number;

  /** The database clock at the change, to the millisecond (as hashed). */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  eventType: string;

  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text' })
  toState: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text' })
  hash: string;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'audit_events_lot_id_fkey' })
  private readonly lot?: Lot;
}
