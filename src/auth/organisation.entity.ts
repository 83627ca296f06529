import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ORGANISATION_KINDS = ['buyer', 'ngo', 'operator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  /** ISO 3166-1 alpha-2: KG, KZ, UA… */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** IANA zone in which this organisation's deadlines are computed. */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  registrationNumber: string | null;

  /** NGOs register themselves and stay pending until a buyer or an admin verifies them. */
  @Column({ type: 'text' })
  verificationStatus: VerificationStatus;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
