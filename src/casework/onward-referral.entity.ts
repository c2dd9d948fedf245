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
import type { OnwardReferralService } from './casework.vocabulary';

/** A referral to professional support made in parallel with social prescribing. */
@Entity('onward_referral')
@Index(['caseId', 'madeAt'])
export class OnwardReferral {
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

  @Column({ type: 'varchar', length: 32 })
  service: OnwardReferralService;

  /** Often names the crisis or the immigration situation behind it, so it is sealed. */
  @Column({ type: 'text', transformer: encryptedText })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  madeAt: Date;

  @Column({ type: 'uuid' })
  madeBy: string;
}
