import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A link worker's caseload covered by a colleague of the same service (holiday, sickness):
 * from `fromDate` to `toDate`, UK dates, both included, unless ended early. Service-owned, like
 * the cases it opens.
 */
@Entity('cover_grant')
@Index(['coverUserId', 'toDate'])
@Index(['linkWorkerId', 'toDate'])
@Check('CHK_cover_grant_dates', 'to_date >= from_date')
@Check('CHK_cover_grant_colleague', 'cover_user_id <> link_worker_id')
export class CoverGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service of the caseload; row-level security checks it. */
  @Column({ type: 'uuid' })
  serviceId: string;

  /** Whose caseload is covered. */
  @Column({ type: 'uuid' })
  linkWorkerId: string;

  /** The colleague who covers it. */
  @Column({ type: 'uuid' })
  coverUserId: string;

  @Column({ type: 'date' })
  fromDate: string;

  @Column({ type: 'date' })
  toDate: string;

  @Column({ type: 'uuid' })
  grantedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedBy: string | null;
}
