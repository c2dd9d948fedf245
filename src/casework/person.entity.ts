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

/**
 * Someone referred to Linkway. Only a given name is required: no NHS number, GP, surname or
 * address, because many migrants have none of them.
 */
@Entity('person')
@Check('CHK_person_interpreter_gender', "interpreter_gender IN ('female','male','no_preference')")
@Check('CHK_person_interpreter_mode', "interpreter_mode IN ('in_person','phone','video')")
@Index(['dateOfBirth'])
@Index(['phoneDigits'])
// Duplicate detection at intake matches on any of these three; without all three indexed it scans everyone.
@Index(['nhsNumber'])
@Index(['serviceId'])
@Check('CHK_person_ethnicity', `ethnicity IN (${sqlList(ETHNICITIES)})`)
@Check('CHK_person_religion', `religion IN (${sqlList(RELIGIONS)})`)
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service that owns this record, chosen by routing at intake (row-level security checks it). */
  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ type: 'varchar', length: 100 })
  givenName: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
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

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /** Digits of the phone number only, for duplicate detection. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneDigits: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
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

  @Column({ type: 'char', length: 10, nullable: true })
  nhsNumber: string | null;

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
