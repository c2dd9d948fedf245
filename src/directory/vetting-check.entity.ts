import {
  JoinColumn,
  ManyToOne,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CommunityGroup } from './group.entity';
import type { VettingCheck } from '../common/vocabulary';

/** One verified vetting check of a group. Renewing a check adds a new record; the latest expiry counts. */
@Entity('group_vetting_check')
@Index(['groupId', 'check'])
export class GroupVettingCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: CommunityGroup;

  @Column({ type: 'varchar', length: 64 })
  check: VettingCheck;

  /** What the vetting officer saw (document reference, certificate number…). Never published. */
  @Column({ type: 'varchar', length: 2000 })
  evidence: string;

  @Column({ type: 'timestamptz' })
  verifiedAt: Date;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** The admin who verified it. */
  @Column({ type: 'uuid' })
  verifiedBy: string;

  /** When the coordinator and admins were told this check expires within a month. */
  @Column({ type: 'timestamptz', nullable: true })
  expiryNoticeAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
