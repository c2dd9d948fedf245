import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { NeedsDomain } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';

/** One dated holistic needs assessment; assessments are appended, never overwritten. */
@Entity('needs_assessment')
@Index(['caseId', 'assessedAt'])
export class NeedsAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from its case and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => SupportCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  supportCase?: SupportCase;

  @CreateDateColumn({ type: 'timestamptz' })
  assessedAt: Date;

  @Column({ type: 'uuid' })
  assessedBy: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  whatMattersToMe: string | null;

  @OneToMany(() => NeedRating, (r) => r.assessment, { cascade: ['insert'] })
  ratings?: NeedRating[];
}

/** One domain of an assessment: how severe, whether it matters most to the person. */
@Entity('need_rating')
@Unique('UQ_need_rating_domain', ['assessmentId', 'domain'])
@Check('CHK_need_rating_severity', 'severity BETWEEN 0 AND 4')
export class NeedRating {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from its assessment and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => NeedsAssessment, (a) => a.ratings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: NeedsAssessment;

  @Column({ type: 'varchar', length: 32 })
  domain: NeedsDomain;

  @Column({ type: 'smallint' })
  severity: number;

  /** The person marked this as one that matters most to them. */
  @Column({ type: 'boolean', default: false })
  priority: boolean;

  /** Distress from circumstances (status, housing, money) rather than a long-term condition. */
  @Column({ type: 'boolean' })
  situational: boolean;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  note: string | null;
}
