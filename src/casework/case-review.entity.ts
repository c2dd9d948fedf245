import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';

/** A review of the person's support, and when the next one is due (the case's reviewBy follows). */
@Entity('case_review')
@Index(['caseId', 'reviewedAt'])
@Check('CHK_case_review_next_after', 'next_review_by > reviewed_at')
export class CaseReview {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Filled in by the database from its case; row-level security checks it. */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => SupportCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  supportCase?: SupportCase;

  @Column({ type: 'date' })
  reviewedAt: string;

  @Column({ type: 'date' })
  nextReviewBy: string;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  note: string | null;

  @Column({ type: 'uuid' })
  reviewedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
