import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CrisisType } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';

/** A dated crisis in the person's life; support is paused and re-established, not closed. */
@Entity('crisis_point')
@Index(['caseId', 'resolvedAt'])
export class CrisisPoint {
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

  @Column({ type: 'varchar', length: 40 })
  type: CrisisType;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  note: string | null;

  @Column({ type: 'boolean', default: false })
  placementsPaused: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'boolean', nullable: true })
  placementsResumed: boolean | null;
}
