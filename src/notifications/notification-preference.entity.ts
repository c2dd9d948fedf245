import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EMAIL_FREQUENCIES = ['each_event', 'daily_digest'] as const;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];

/**
 * How a user, or everyone at an organisation, wants to hear by email. A user's own choice wins
 * over their organisation's; with neither, every event is emailed.
 */
@Entity('notification_preference')
@Index(['userId'], { unique: true, where: 'user_id IS NOT NULL' })
@Index(['organisationId'], { unique: true, where: 'organisation_id IS NOT NULL' })
@Check('CHK_notification_preference_owner', '(user_id IS NULL) <> (organisation_id IS NULL)')
@Check('CHK_notification_preference_frequency', `frequency IN ('each_event','daily_digest')`)
export class NotificationPreference {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'boolean', default: true })
  emailEnabled: boolean;

  @Column({ type: 'varchar', length: 16, default: 'each_event' })
  frequency: EmailFrequency;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
