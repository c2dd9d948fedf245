import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type {
  PlacementDeclineReason,
  PlacementEndReason,
  PlacementStatus,
} from '../common/vocabulary';

/** An offer of a place in a community group to the person of one case, and what became of it. */
@Entity('placement')
@Index(['groupOrganisationId', 'status'])
@Index(['caseId'])
@Index(['groupId', 'status'])
@Index('IDX_placement_one_open_per_case_group', ['caseId', 'groupId'], {
  unique: true,
  where: `status IN ('offered','accepted','paused','waitlisted')`,
})
@Index('IDX_placement_waitlist_position', ['groupId', 'position'], {
  unique: true,
  where: `status = 'waitlisted'`,
})
@Check(
  'CHK_placement_status',
  `status IN ('offered','accepted','paused','waitlisted','declined','ended','expired','withdrawn')`,
)
@Check(
  'CHK_placement_position',
  `(status = 'waitlisted') = (position IS NOT NULL) AND (position IS NULL OR position >= 1)`,
)
export class Placement {
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

  @Column({ type: 'uuid' })
  personId: string;

  /** The case's link worker when the offer was made. */
  @Column({ type: 'uuid' })
  linkWorkerId: string;

  @Column({ type: 'uuid' })
  groupId: string;

  /** The organisation that runs the group: its coordinators see this placement. */
  @Column({ type: 'uuid' })
  groupOrganisationId: string;

  @Column({ type: 'varchar', length: 16 })
  status: PlacementStatus;

  /** While paused by a crisis: the status to return to. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  statusBeforePause: 'offered' | 'accepted' | null;

  /** 1-based place in the group's waitlist, gap-free; only while waitlisted. */
  @Column({ type: 'int', nullable: true })
  position: number | null;

  /** Written by the link worker for the group to read. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  offeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  /** When the person's first session is, as the group gave it on accepting (for the reminder). */
  @Column({ type: 'timestamptz', nullable: true })
  firstSessionAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  declineReason: PlacementDeclineReason | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  endReason: PlacementEndReason | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Set when the group is suspended or removed: the link worker should review this placement. */
  @Column({ type: 'boolean', default: false })
  needsReview: boolean;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One session a placed person did or did not attend. */
@Entity('placement_attendance')
@Unique('UQ_placement_attendance_day', ['placementId', 'date'])
export class PlacementAttendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The service that owns this record, filled in by the database from its placement and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'placement_id' })
  placement?: Placement;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'boolean' })
  attended: boolean;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
