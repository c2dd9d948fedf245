import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/**
 * `queued` waits for its first try; `failed` waits for a retry; `sent` was accepted by Notify (or
 * written to the log); `delivered` Notify says arrived; `permanent_failure` will not be tried
 * again until an admin retries it. Beyond the contract: `held` waits for the recipient's daily
 * digest, `digested` went out in one, `cancelled` was withdrawn before sending (consent to texts
 * withdrawn, person erased).
 */
export const OUTBOX_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'failed',
  'permanent_failure',
  'held',
  'digested',
  'cancelled',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email or text to one recipient, written in the transaction of the change that causes it.
 * It concerns one service's records, so it carries that service and row-level security applies;
 * the worker and admins read it in the all-services scope. A directory message (a group's listing)
 * concerns no service: its service is null, and only the all-services scope sees it.
 */
@Entity('notification_outbox')
@Index(['status', 'nextAttemptAt'])
@Index(['serviceId', 'createdAt'])
@Index(['recipientPersonId'])
@Index(['recipientUserId', 'status'])
@Index(['dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
@Check('CHK_notification_outbox_channel', `channel IN ('email','sms')`)
@Check(
  'CHK_notification_outbox_status',
  `status IN ('queued','sent','delivered','failed','permanent_failure','held','digested','cancelled')`,
)
@Check(
  'CHK_notification_outbox_recipient',
  '(recipient_user_id IS NULL) <> (recipient_person_id IS NULL)',
)
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  /** What caused it, e.g. `referral.received` (the contract's `event`). */
  @Column({ type: 'varchar', length: 48 })
  event: string;

  @Column({ type: 'varchar', length: 8 })
  channel: OutboxChannel;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  /** A person (texts), so withdrawing consent or erasure can reach their messages. */
  @Column({ type: 'uuid', nullable: true })
  recipientPersonId: string | null;

  /** The email address or phone number, encrypted; null once the person is erased. */
  @Column({ type: 'text', nullable: true })
  addressEncrypted: string | null;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  locale: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ type: 'varchar', length: 4000 })
  body: string;

  @Column({ type: 'varchar', length: 24, default: 'queued' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When it is due; a worker that takes it pushes this forward by its claim, as a lease. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** The current claim: a worker records its result only while it still holds it. */
  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** `notify` or `log`. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  provider: string | null;

  /** Notify's id for the notification (its reference is this row's id). */
  @Column({ type: 'uuid', nullable: true })
  providerId: string | null;

  /** Notify's own status at the last look-up. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  providerStatus: string | null;

  /** Set by scheduled senders so a job that runs twice queues a message once. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  /** For a `digested` message, the digest it went out in. */
  @Column({ type: 'uuid', nullable: true })
  digestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusCheckedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
