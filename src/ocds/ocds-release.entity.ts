import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import type { ReleaseTag } from '../../workflows/index.js';
import { Lot } from '../lots/lot.entity.js';
import type { Release } from './ocds-types.js';

/**
 * One published OCDS release of a lot's contracting process. Append-only (a trigger refuses
 * UPDATE and DELETE): a change to the process is a new release, never an edit of an old one.
 */
@Entity('ocds_releases')
@Unique('ocds_releases_ocid_seq_key', ['ocid', 'seq'])
@Check('ocds_releases_seq_check', `seq >= 1`)
@Check('ocds_releases_id_check', `id = ocid || '-' || seq`)
@Check('ocds_releases_tag_check', `cardinality(tag) >= 1`)
@Index('ocds_releases_date_idx', ['date'])
@Index('ocds_releases_lot_idx', ['lotId'])
export class OcdsRelease {
  /** `<ocid>-<seq>`: the release's id in OCDS. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ocds_releases_pkey' })
  id: string;

  /** `<OCDS_PREFIX>-<lot id>`: one contracting process per lot. */
  @Column({ type: 'text' })
  ocid: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** 1, 2, 3… within the ocid, in publication order. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text', array: true })
  tag: ReleaseTag[];

  /** The database clock when published, to the millisecond; the release's own `date`. */
  @Column({ type: 'timestamptz' })
  date: Date;

  @Column({ type: 'jsonb' })
  release: Release;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'ocds_releases_lot_id_fkey' })
  private readonly lot?: Lot;
}
