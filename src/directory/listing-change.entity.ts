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
import { CommunityGroup } from './group.entity';
import type { ListingFields } from './listing-fields';

export const LISTING_CHANGE_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'superseded',
  'withdrawn',
] as const;
export type ListingChangeStatus = (typeof LISTING_CHANGE_STATUSES)[number];

/**
 * A coordinator's change to a group's public details, waiting for an admin (or answered). Until
 * it is approved nothing of it shows anywhere but to the group's coordinators and admins. A group
 * has at most one pending change: a further edit replaces it (the old one is superseded).
 */
@Entity('community_group_change')
@Index('IDX_community_group_change_one_pending', ['groupId'], {
  unique: true,
  where: "status = 'pending'",
})
@Check(
  'CHK_community_group_change_status',
  `status IN ('pending','approved','rejected','superseded','withdrawn')`,
)
export class GroupListingChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: CommunityGroup;

  /** The coordinator who sent it. */
  @Column({ type: 'uuid' })
  proposedBy: string;

  /** The new values of the fields it changes, as they would be stored. */
  @Column({ type: 'jsonb' })
  proposed: Partial<ListingFields>;

  /** What those fields said when it was sent; on approval, what it replaced. */
  @Column({ type: 'jsonb' })
  previous: Partial<ListingFields>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ListingChangeStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why an admin turned it down, for the coordinator to read. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
