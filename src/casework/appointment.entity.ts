import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ContactMode } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';
import type { AppointmentStatus } from './casework.vocabulary';

/** A meeting booked with the person: in a link worker's diary until its outcome is recorded. */
@Entity('appointment')
@Index(['linkWorkerId', 'startsAt'])
@Index(['caseId', 'startsAt'])
@Index(['serviceId', 'startsAt'])
@Check('CHK_appointment_mode', `mode IN ('face_to_face','phone','video','home_visit','drop_in')`)
@Check('CHK_appointment_status', `status IN ('booked','attended','did_not_attend','cancelled')`)
@Check('CHK_appointment_duration', 'duration_minutes BETWEEN 5 AND 480')
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Filled in by the database from its case; row-level security checks it. */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => SupportCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  supportCase?: SupportCase;

  /** Whose diary it is in: the link worker who booked it and meets the person. */
  @Column({ type: 'uuid' })
  linkWorkerId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'smallint' })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 16 })
  mode: ContactMode;

  /** Where: a place's name and address, or how to join. Shown in the calendar feed. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'varchar', length: 16, default: 'booked' })
  status: AppointmentStatus;

  /** Why the person did not come, or why it was cancelled; an attended one's note is its contact's. */
  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  outcomeNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  outcomeRecordedBy: string | null;

  /** The contact an attended appointment became. */
  @Column({ type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'uuid' })
  bookedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
