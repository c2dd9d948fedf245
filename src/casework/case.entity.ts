import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseCloseReason } from '../common/vocabulary';
import type { ActiveCover } from './case-access';
import { encryptedText } from './casework-cipher';
import { Person } from './person.entity';

export type CaseStatus = 'open' | 'closed';

/** A link worker's support of one person, opened when a referral is accepted. */
@Entity('support_case')
@Index(['linkWorkerId', 'status'])
@Index(['serviceId', 'status'])
@Check('CHK_support_case_status', `status IN ('open','closed')`)
@Check('CHK_support_case_required_level', 'required_level BETWEEN 1 AND 3')
export class SupportCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from the person and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  /** The referral that opened the case (owned by the referrals module; no foreign key across modules). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ type: 'uuid' })
  linkWorkerId: string;

  /** The reference of the referral that opened the case (LW-2026-000123), for finding it. */
  @Index()
  @Column({ type: 'varchar', length: 20, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: CaseStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  closeReason: CaseCloseReason | null;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  closeNote: string | null;

  /** On a relocation, the person agreed to take a transfer summary to their next area. */
  @Column({ type: 'boolean', default: false })
  transferConsent: boolean;

  /** The next review is due by this date; a crisis brings it within 7 days. */
  @Column({ type: 'date', nullable: true })
  reviewBy: string | null;

  /** True while any crisis point on the case is unresolved. */
  @Column({ type: 'boolean', default: false })
  inCrisis: boolean;

  /** The safeguarding level (1–3) a group needs to be offered this person, from their flags. */
  @Column({ type: 'smallint', default: 1 })
  requiredLevel: number;

  /** The person agreed that their details may be shared with community groups. */
  @Column({ type: 'boolean', default: false })
  consentToShare: boolean;

  /** "What matters to me", in the person's words; shared with a group they are placed with. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  whatMattersToMe: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Not a column: set when the reader reaches this case as cover (see case-access.ts). */
  cover?: ActiveCover | null;
}
