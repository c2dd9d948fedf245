import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'new_offer',
  'offer_reminder',
  'offer_expired',
  'offer_answered',
  'place_freed',
  'group_suspended',
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

/**
 * Email waiting to be sent. Written in the transaction that caused it, so a rolled-back change
 * sends nothing; drained by a job that resolves addresses and hands each message to the sender.
 */
@Entity('outbox')
@Index(['status', 'createdAt'])
@Check('CHK_outbox_status', `status IN ('pending','sent','failed')`)
@Check('CHK_outbox_recipient', '(recipient_user_id IS NULL) <> (recipient_organisation_id IS NULL)')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  recipientOrganisationId: string | null;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'varchar', length: 2000 })
  body: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
