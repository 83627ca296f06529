import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Application } from './application.entity.js';

/** Who read an application's content (or one of its documents) once the call had closed. */
@Entity('application_reads')
@Index('application_reads_application_idx', ['applicationId', 'readAt'])
export class ApplicationRead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid', nullable: true })
  documentId: string | null;

  @Column({ type: 'uuid' })
  readerUserId: string;

  @Column({ type: 'text' })
  readerRole: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  readAt: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'application_reads_application_id_fkey',
  })
  private readonly application?: Application;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'reader_user_id',
    foreignKeyConstraintName: 'application_reads_reader_user_id_fkey',
  })
  private readonly reader?: User;
}
