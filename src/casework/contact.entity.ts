import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ContactMode } from '../common/vocabulary';
import { SupportCase } from './case.entity';
import { encryptedText } from './casework-cipher';
import type { ContactInitiator, InterpreterMode } from './casework.vocabulary';

/**
 * One contact with the person after their referral was accepted: a call, a visit, a one-to-one
 * session. Contact attempts before acceptance stay with the referral (see contact-history.ports.ts).
 */
@Entity('case_contact')
// (case_id, at) INCLUDE (mode, service_id): a case's sessions, index-only (migration
// ActivityCoveringIndexes; TypeORM cannot declare INCLUDE).
@Index('IDX_case_contact_case_sessions', { synchronize: false })
@Index(['serviceId', 'at'])
@Index('UQ_case_contact_appointment', ['appointmentId'], {
  unique: true,
  where: 'appointment_id IS NOT NULL',
})
@Check(
  'CHK_case_contact_mode',
  `mode IN ('face_to_face','phone','video','text_message','email','home_visit','drop_in')`,
)
@Check('CHK_case_contact_initiated_by', `initiated_by IN ('link_worker','person','someone_else')`)
@Check('CHK_case_contact_duration', 'duration_minutes BETWEEN 1 AND 720')
@Check(
  'CHK_case_contact_interpreter',
  `(interpreter_language IS NULL) = (interpreter_mode IS NULL) AND (interpreter_mode IS NULL OR interpreter_mode IN ('in_person','phone','video'))`,
)
export class CaseContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from its case and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => SupportCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  supportCase?: SupportCase;

  /** When the contact happened; never in the future. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  mode: ContactMode;

  @Column({ type: 'varchar', length: 16, default: 'link_worker' })
  initiatedBy: ContactInitiator;

  @Column({ type: 'smallint', nullable: true })
  durationMinutes: number | null;

  /** ISO 639 code of the language interpreted, when an interpreter took part. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  interpreterMode: InterpreterMode | null;

  @Column({ type: 'text', nullable: true, transformer: encryptedText })
  note: string | null;

  /** The appointment this contact records, when it was an attended appointment. */
  @Column({ type: 'uuid', nullable: true })
  appointmentId: string | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  /** The last time its author corrected the note in place (within 24 hours of recording it). */
  @Column({ type: 'timestamptz', nullable: true })
  noteCorrectedAt: Date | null;
}

/**
 * A correction written after the 24 hours in which the author may change a note in place: the
 * original stays as it was, and the amendment is appended after it.
 */
@Entity('case_contact_amendment')
@Index(['contactId', 'writtenAt'])
export class CaseContactAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Filled in by the database from its contact (see CaseContact.serviceId). */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  contactId: string;

  @ManyToOne(() => CaseContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: CaseContact;

  @Column({ type: 'text', transformer: encryptedText })
  note: string;

  @Column({ type: 'uuid' })
  writtenBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  writtenAt: Date;
}
