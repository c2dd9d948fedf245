import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Contacts, and appointments with a known outcome, per service per London day (migration
 * ActivityDayCounts): the activity's trend. Written only by triggers on `case_contact` and
 * `appointment`, in the transaction of the change, never by the app. Service-owned: forced
 * row-level security with the `service_scope` policy.
 */
@Entity('report_activity_day', {
  comment: 'Owned by reports: written only by the activity count triggers.',
})
export class ReportActivityDay {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_report_activity_day' })
  serviceId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_report_activity_day' })
  day: string;

  @Column({ type: 'integer', default: 0 })
  contacts: number;

  @Column({ type: 'integer', default: 0 })
  appointments: number;

  /** Of the appointments, those the person did not attend. */
  @Column({ type: 'integer', default: 0 })
  didNotAttend: number;
}
