import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ActivityType, DeliveryMode, NeedsDomain } from '../common/vocabulary';

export interface GroupAccessibility {
  childcare: boolean;
  travelSupport: boolean;
  stepFree: boolean;
  womenOnly: boolean;
  interpreters: boolean;
}

export interface AgeRange {
  min?: number | null;
  max?: number | null;
}

/** A community group: the activity a person is connected to. Its safeguarding level is derived from its vetting checks. */
@Entity('community_group')
@Check('CHK_community_group_delivery_mode', `delivery_mode IN ('in_person','remote','both')`)
export class CommunityGroup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The providing organisation (usually of kind community_group). */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 4000 })
  description: string;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  activityTypes: ActivityType[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  needsServed: NeedsDomain[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode: string | null;

  /** The outward code of the postcode (e.g. NG7), for distance by area. */
  @Index()
  @Column({ type: 'varchar', length: 4, nullable: true })
  area: string | null;

  @Column({ type: 'varchar', length: 16 })
  deliveryMode: DeliveryMode;

  @Column({ type: 'jsonb' })
  accessibility: GroupAccessibility;

  /** What cannot be said as sessions (group-session.entity): "term time only", "ring first". */
  @Column({ type: 'varchar', length: 500, nullable: true })
  scheduleNotes: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  cost: string | null;

  @Column({ type: 'jsonb', nullable: true })
  ageRange: AgeRange | null;

  /** The id of the service in the feed it was imported from, so a feed is not imported twice. */
  @Index({ unique: true, where: 'external_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  externalId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  suspensionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  /** Set by the daily job when lapsed vetting made the group expired; cleared when vetting is renewed. */
  @Column({ type: 'timestamptz', nullable: true })
  expiredAt: Date | null;

  /**
   * When its coordinator or an admin last said the listing is right (or an edit took effect).
   * Six months on it shows as unconfirmed; nine months on it is not offered (listing-rules).
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastConfirmedAt: Date;

  /** When an admin last reviewed the listing (published as HSDS assured_date). */
  @Column({ type: 'timestamptz', nullable: true })
  assuredAt: Date | null;

  /** Set when the coordinator was reminded to confirm; cleared by the next confirmation. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmationRemindedAt: Date | null;

  /** Set when the lapse of the listing was announced; cleared by the next confirmation. */
  @Column({ type: 'timestamptz', nullable: true })
  listingLapseNoticedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
