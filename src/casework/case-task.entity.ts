import {
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

/** Something to do for a case, by a date, by its link worker or a colleague of the same service. */
@Entity('case_task')
@Index(['caseId', 'dueOn'])
@Index('IDX_case_task_open_by_assignee', ['assigneeId', 'dueOn'], {
  where: 'completed_at IS NULL',
})
export class CaseTask {
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

  /** Free text about a person ("ring the housing officer about Amina's move"): sealed at rest. */
  @Column({ type: 'text', transformer: encryptedText })
  title: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'uuid' })
  assigneeId: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;
}
