import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  NeedsDomain,
  ReferralChannel,
  ReferralDeclineReason,
  ReferralStatus,
  Urgency,
} from '../common/vocabulary';
import type { ConsentGiver, StoredDuplicate } from './referral.types';

/**
 * One referral, from any door. Free text and the person's details as referred are encrypted by
 * the service (FieldCipher) before they reach this row; the person's record itself is casework's.
 */
@Entity('referral')
@Index(['status', 'urgency', 'receivedAt'])
@Index(['organisationId', 'receivedAt'])
@Index(['assignedLinkWorkerId', 'status'])
@Index(['serviceId', 'status'])
@Check('CHK_referral_status', `status IN ('received','assigned','accepted','declined')`)
@Check('CHK_referral_urgency', `urgency IN ('routine','soon','urgent')`)
@Check('CHK_referral_consent', 'consent_referral_discussed = true')
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service that owns this record, chosen by routing at intake (row-level security checks it). */
  @Column({ type: 'uuid' })
  serviceId: string;

  /** Short human reference (LW-2026-000123) from the referral_reference_seq sequence. */
  @Column({ type: 'varchar', length: 20, unique: true })
  reference: string;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status: ReferralStatus;

  @Column({ type: 'varchar', length: 32 })
  channel: ReferralChannel;

  /** The referring organisation, whose referrers follow the referral (closed loop). */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** The signed-in user who sent it; null for a self-referral. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  referrerName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  referrerContact: string | null;

  /** The person registered in casework for this referral (no foreign key across modules). */
  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  /** Encrypted JSON of the person's details as the referrer gave them. */
  @Column({ type: 'text' })
  personDetailsEncrypted: string;

  @Column({ type: 'varchar', array: true, length: 32 })
  reasons: NeedsDomain[];

  @Column({ type: 'text', nullable: true })
  summaryEncrypted: string | null;

  @Column({ type: 'varchar', length: 16, default: 'routine' })
  urgency: Urgency;

  @Column({ type: 'boolean' })
  consentReferralDiscussed: boolean;

  @Column({ type: 'date' })
  consentDate: string;

  @Column({ type: 'boolean', default: false })
  consentShareWithProviders: boolean;

  @Column({ type: 'varchar', length: 32, default: 'person' })
  consentGivenBy: ConsentGiver;

  /** The user who recorded the consent; null when the person gave it themself online. */
  @Column({ type: 'uuid', nullable: true })
  consentRecordedById: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  possibleDuplicates: StoredDuplicate[];

  @Column({ type: 'uuid', nullable: true })
  assignedLinkWorkerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstContactAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  declineReason: ReferralDeclineReason | null;

  @Column({ type: 'text', nullable: true })
  declineNoteEncrypted: string | null;

  /** Set by the service in milliseconds, so list cursors compare exactly. */
  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
