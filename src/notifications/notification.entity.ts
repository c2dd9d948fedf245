import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'new_offer',
  'offer_reminder',
  'offer_expired',
  'offer_answered',
  'place_freed',
  'group_suspended',
  'referral_received',
  'referral_accepted',
  'referral_declined',
  'place_started',
  'support_ended',
  'listing_unconfirmed',
  'listing_lapsed',
  'listing_change_approved',
  'listing_change_rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A message shown in the app. Addressed to one user, or to every coordinator of an organisation
 * (so a group's inbox does not depend on who is on its rota when the offer is made).
 */
@Entity('notification')
@Index(['recipientUserId', 'createdAt'])
@Index(['recipientOrganisationId', 'createdAt'])
@Check(
  'CHK_notification_recipient',
  '(recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL)',
)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  recipientOrganisationId: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  link: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
