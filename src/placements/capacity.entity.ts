import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A group's intake controls and its live counts. `reserved` is changed only by conditional
 * updates in the offer and release transactions; the CHECKs make any bug that would overfill a
 * group fail in the database instead of overloading the group.
 */
@Entity('group_capacity')
@Check('CHK_group_capacity_places', 'places >= 0 AND places <= 10000')
@Check('CHK_group_capacity_reserved', 'reserved >= 0 AND reserved <= places')
@Check('CHK_group_capacity_weekly', 'weekly_intake_limit IS NULL OR weekly_intake_limit >= 1')
@Check('CHK_group_capacity_expiry', 'offer_expiry_days BETWEEN 1 AND 60')
@Check('CHK_group_capacity_waitlist', 'waitlist_length >= 0')
export class GroupCapacity {
  /** The directory's group id (no foreign key across modules). */
  @PrimaryColumn({ type: 'uuid' })
  groupId: string;

  @Column({ type: 'int', default: 0 })
  places: number;

  @Column({ type: 'int', nullable: true })
  weeklyIntakeLimit: number | null;

  @Column({ type: 'boolean', default: false })
  waitlistEnabled: boolean;

  @Column({ type: 'boolean', default: false })
  intakePaused: boolean;

  @Column({ type: 'smallint', default: 7 })
  offerExpiryDays: number;

  /** Placements currently offered, accepted or paused. */
  @Column({ type: 'int', default: 0 })
  reserved: number;

  @Column({ type: 'int', default: 0 })
  waitlistLength: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** How many offers a group received in one ISO week, for its weekly intake limit. */
@Entity('group_weekly_intake')
@Check('CHK_group_weekly_intake_n', 'n >= 0')
export class GroupWeeklyIntake {
  @PrimaryColumn({ type: 'uuid' })
  groupId: string;

  /** ISO week, e.g. 2026-W47. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  isoWeek: string;

  @Column({ type: 'int', default: 0 })
  n: number;
}
