import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  ETHNICITIES,
  RELIGIONS,
  type Ethnicity,
  type InterpreterGender,
  type InterpreterMode,
  type Religion,
} from '../common/vocabulary';

const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');
import { encryptedText } from './casework-cipher';

/**
 * Someone referred to Linkway. Only a given name is required: no NHS number, GP, surname or
 * address, because many migrants have none of them.
 *
 * Names and contact details are sealed (AES-256-GCM, see person-seal.ts) and found through keyed
 * blind-index tokens beside them (the name's in `person_name_token`); dates, postcode and codes
 * stay plain, because reports count by them.
 */
@Entity('person')
@Check('CHK_person_interpreter_gender', "interpreter_gender IN ('female','male','no_preference')")
@Check('CHK_person_interpreter_mode', "interpreter_mode IN ('in_person','phone','video')")
@Index(['dateOfBirth'])
// Duplicate detection at intake matches on any of these three; without all three indexed it scans everyone.
@Index(['phoneIndex'])
@Index(['nhsNumberIndex'])
@Index(['serviceId'])
@Check('CHK_person_ethnicity', `ethnicity IN (${sqlList(ETHNICITIES)})`)
@Check('CHK_person_religion', `religion IN (${sqlList(RELIGIONS)})`)
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service that owns this record, chosen by routing at intake (row-level security checks it). */
  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ name: 'given_name_encrypted', type: 'text', transformer: encryptedText })
  givenName: string;

  @Column({
    name: 'family_name_encrypted',
    type: 'text',
    nullable: true,
    transformer: encryptedText,
  })
  familyName: string | null;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  /**
   * `female`, `male` or `prefer_not_to_say` (every door writes only these codes). Rows written
   * before the codes existed may still hold the person's own words, which migration EquityFields
   * did not recognise; reports count those as "other" and the case page asks for a code. No
   * constraint, so such a row can still be updated (a constraint is checked on any update).
   */
  @Column({ type: 'varchar', length: 32, nullable: true })
  sex: string | null;

  /** One of the ONS 2021 ethnic groups or `prefer_not_to_say`; null when not recorded. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  ethnicity: Ethnicity | null;

  /** One of the Census 2021 religion answers or `prefer_not_to_say`; null when not recorded. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  religion: Religion | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode: string | null;

  @Column({ name: 'phone_encrypted', type: 'text', nullable: true, transformer: encryptedText })
  phone: string | null;

  /** Blind-index token of the phone number's digits, for duplicate detection and search. */
  @Column({ type: 'bytea', nullable: true, select: false })
  phoneIndex: Buffer | null;

  @Column({ name: 'email_encrypted', type: 'text', nullable: true, transformer: encryptedText })
  email: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  preferredContact: string | null;

  /** ISO 639 code. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  preferredLanguage: string | null;

  @Column({ type: 'boolean', nullable: true })
  interpreterNeeded: boolean | null;

  /**
   * What the person would like of an interpreter: the language (ISO 639; often their preferred
   * one), its dialect in their words, who (a woman, a man, either) and how (in person, phone,
   * video). Groups see these with the need, never why.
   */
  @Column({ type: 'varchar', length: 8, nullable: true })
  interpreterLanguage: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  interpreterDialect: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  interpreterGender: InterpreterGender | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  interpreterMode: InterpreterMode | null;

  @Column({ type: 'boolean', nullable: true })
  gpRegistered: boolean | null;

  @Column({
    name: 'nhs_number_encrypted',
    type: 'text',
    nullable: true,
    transformer: encryptedText,
  })
  nhsNumber: string | null;

  /** Blind-index token of the NHS number. */
  @Column({ type: 'bytea', nullable: true, select: false })
  nhsNumberIndex: Buffer | null;

  /** Access needs a group should know about (step-free access, childcare…), in the person's words. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  accessNeeds: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Set by a data-protection erasure: identifying fields are cleared, the row stays for counts. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}
