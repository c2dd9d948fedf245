import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { OutcomeInstrument, OutcomeTimepoint } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import type { OutcomeScores } from './scoring/score-outcome';

/** One completed questionnaire at a time point, with its answers and the scores they give. */
@Entity('outcome_measure')
@Index(['caseId', 'instrument', 'recordedAt'])
export class OutcomeMeasure {
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

  @Column({ type: 'varchar', length: 16 })
  instrument: OutcomeInstrument;

  @Column({ type: 'varchar', length: 16 })
  timepoint: OutcomeTimepoint;

  @Column({ type: 'smallint', array: true })
  answers: number[];

  @Column({ type: 'jsonb' })
  scores: OutcomeScores;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;
}
