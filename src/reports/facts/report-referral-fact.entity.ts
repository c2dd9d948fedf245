import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One referral's facts as the service-access report counts them (migration ReportReferralFact):
 * written only by the database function `linkway_refresh_report_facts()` from the sources, never
 * by the app. Service-owned: forced row-level security with the `service_scope` policy.
 */
@Index('IDX_report_referral_fact_shared_person', ['localDay', 'personId'], {
  where: 'NOT "sole_referral"',
})
/** The activity's first places in a period, index-only (INCLUDE, so written by hand). */
@Index('IDX_report_referral_fact_placed_at', { synchronize: false })
/** The activity's people contacted, index-only (INCLUDE, so written by hand). */
@Index('IDX_report_referral_fact_case_person', { synchronize: false })
/** The few cases with too many contact days for that index. */
@Index('IDX_report_referral_fact_case_person_long', { synchronize: false })
/** The activity's first places over a long period, in case order (INCLUDE, so written by hand). */
@Index('IDX_report_referral_fact_placed_case', { synchronize: false })
@Entity('report_referral_fact', {
  comment: 'Owned by reports: written only by linkway_refresh_report_facts().',
})
export class ReportReferralFact {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_report_referral_fact' })
  referralId: string;

  @Column({ type: 'uuid' })
  serviceId: string;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  /** The London date the referral was received: the report's period filter. */
  @Index('IDX_report_referral_fact_local_day')
  @Column({ type: 'date' })
  localDay: string;

  @Column({ type: 'text', nullable: true })
  month: string | null;

  @Column({ type: 'text', array: true, nullable: true })
  reasons: string[] | null;

  @Column({ type: 'text', nullable: true })
  channel: string | null;

  @Column({ type: 'text', nullable: true })
  service: string | null;

  @Column({ type: 'text', nullable: true })
  migrantStatus: string | null;

  @Column({ type: 'text', nullable: true })
  countryOfBirth: string | null;

  @Column({ type: 'text', nullable: true })
  mainLanguage: string | null;

  @Column({ type: 'text', nullable: true })
  interpreterNeeded: string | null;

  @Column({ type: 'text', nullable: true })
  ageBand: string | null;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'text', nullable: true })
  area: string | null;

  @Column({ type: 'text', nullable: true })
  yearOfArrivalBand: string | null;

  @Column({ type: 'boolean', nullable: true })
  accepted: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  placed: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  attended: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  completed: boolean | null;

  @Column({ type: 'double precision', nullable: true })
  daysToFirstContact: number | null;

  @Column({ type: 'double precision', nullable: true })
  daysToPlacement: number | null;

  @Column({ type: 'double precision', nullable: true })
  swemwbsChange: number | null;

  @Column({ type: 'boolean', nullable: true })
  hasCountryOfBirth: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  hasNationality: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  hasYearOfArrival: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  hasMainLanguage: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  hasMigrantStatus: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  hasInterpreterNeeded: boolean | null;

  /** The person has no other referral, in any service: the referral alone stands for the person. */
  @Column({ type: 'boolean' })
  soleReferral: boolean;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  /** The case's first group place (a placement a group accepted), for the activity figures. */
  @Column({ type: 'timestamp with time zone', nullable: true })
  placedAt: Date | null;

  /** One-to-one sessions the case had before its first place; null while it has none. */
  @Column({ type: 'integer', nullable: true })
  sessionsBeforePlace: number | null;

  /** The case's person (a referral's own person may differ after a re-link). */
  @Column({ type: 'uuid', nullable: true })
  casePersonId: string | null;

  /** The London days the case had a contact on, ascending and distinct; null for none. */
  @Column({ type: 'date', array: true, nullable: true })
  contactDays: string[] | null;
}

/** Referrals whose facts a change may have touched, until the next refresh rewrites them. */
@Entity('report_referral_fact_queue')
export class ReportReferralFactQueue {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'PK_report_referral_fact_queue',
  })
  id: string;

  @Column({ type: 'uuid' })
  referralId: string;
}
