import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ContactMethod, ContactOutcome } from './referral.types';

/** One try at reaching the referred person, successful or not. */
@Entity('referral_contact_attempt')
@Index(['referralId', 'attemptedAt'])
export class ReferralContactAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from its referral and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  referralId: string;

  @Column({ type: 'varchar', length: 32 })
  method: ContactMethod;

  @Column({ type: 'varchar', length: 32 })
  outcome: ContactOutcome;

  @Column({ type: 'text', nullable: true })
  noteEncrypted: string | null;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;
}
