import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  NeedsDomain,
  ReferralChannel,
  ReferralDeclineReason,
  ReferralStatus,
  Urgency,
} from '../common/vocabulary';
import type { ConsentGiver, StoredDuplicate } from './referral.types';

/** Written only by the database (linkway_freeze_report_facts), read only through report_referral_facts. */
const FrozenFact = (
  type: 'timestamptz' | 'varchar' | 'char' | 'smallint' | 'boolean',
  length?: number,
) => Column({ type, length, nullable: true, select: false, insert: false, update: false });

/**
 * One referral, from any door. Free text and the person's details as referred are encrypted by
 * the service (FieldCipher) before they reach this row; the person's record itself is casework's.
 */
@Entity('referral')
@Index(['status', 'urgency', 'receivedAt'])
// (received_at) INCLUDE (first_contact_at, service_id): days to first contact, index-only
// (migration ActivityCoveringIndexes; TypeORM cannot declare INCLUDE).
@Index('IDX_referral_received_first_contact', { synchronize: false })
@Index(['organisationId', 'receivedAt'])
@Index(['assignedLinkWorkerId', 'status'])
@Index(['serviceId', 'status'])
@Check('CHK_referral_status', `status IN ('received','assigned','accepted','declined')`)
@Check('CHK_referral_urgency', `urgency IN ('routine','soon','urgent')`)
@Check('CHK_referral_consent', 'consent_referral_discussed = true')
// At least one reason, each once: the service-access report's need breakdown relies on it (a
// reader of a need cross-tabulation knows it), so the database keeps it whatever the door.
@Check('CHK_referral_reasons', 'cardinality(reasons) >= 1 AND linkway_all_distinct(reasons)')
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

  /** Partial: intake's new referrals have no case, so it costs intake nothing. */
  @Index('IDX_referral_case_id', { where: '"case_id" IS NOT NULL' })
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

  /**
   * The report facts, frozen here by erasure or retention before they remove the sources (see
   * migration ReferralReportFacts and the report_referral_facts view). Written only by the
   * database function linkway_freeze_report_facts, read only by reports through the view.
   */
  @FrozenFact('timestamptz')
  readonly reportFactsFrozenAt?: Date | null;

  @FrozenFact('varchar', 16)
  readonly factAgeBand?: string | null;

  @FrozenFact('smallint')
  readonly factAgeFloor?: number | null;

  @FrozenFact('varchar', 24)
  readonly factSex?: string | null;

  @FrozenFact('varchar', 40)
  readonly factEthnicity?: string | null;

  @FrozenFact('varchar', 24)
  readonly factReligion?: string | null;

  @FrozenFact('varchar', 32)
  readonly factMigrantStatus?: string | null;

  @FrozenFact('char', 2)
  readonly factCountryOfBirth?: string | null;

  @FrozenFact('boolean')
  readonly factHasNationality?: boolean | null;

  @FrozenFact('varchar', 16)
  readonly factYearOfArrivalBand?: string | null;

  @FrozenFact('boolean')
  readonly factHasYearOfArrival?: boolean | null;

  @FrozenFact('varchar', 8)
  readonly factMainLanguage?: string | null;

  @FrozenFact('boolean')
  readonly factInterpreterNeeded?: boolean | null;

  @FrozenFact('varchar', 9)
  readonly factLocalAuthorityCode?: string | null;

  @FrozenFact('varchar', 150)
  readonly factLocalAuthorityName?: string | null;

  @FrozenFact('varchar', 9)
  readonly factWardCode?: string | null;

  @FrozenFact('varchar', 9)
  readonly factLsoaCode?: string | null;
}
