import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A person's agreement to be sent text messages (reminders), with the date they gave it, and
 * when it was withdrawn. One row per person, kept current; each change is in the audit log. The
 * person's service is copied from the person by the database.
 */
@Entity('text_message_consent')
export class TextMessageConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  personId: string;

  /** The day the person agreed, as they told their link worker. */
  @Column({ type: 'date' })
  agreedOn: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
