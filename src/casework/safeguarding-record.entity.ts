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
import type { SafeguardingFlag } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';

/** The safeguarding flags as set at one time; the latest record is the current one. */
@Entity('safeguarding_record')
@Index(['caseId', 'recordedAt'])
@Check('CHK_safeguarding_record_level', 'required_level BETWEEN 1 AND 3')
export class SafeguardingRecord {
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

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  flags: SafeguardingFlag[];

  @Column({ type: 'smallint' })
  requiredLevel: number;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;
}
