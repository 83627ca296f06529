import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const LOCALES = ['ru', 'ky', 'kk', 'uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (index on lower(email)); stored as given. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text' })
  locale: Locale;

  /** Platform administrators are not members of an organisation for that role. */
  @Column({ type: 'boolean' })
  isAdmin: boolean;

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
