import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CommunityGroup } from './group.entity';
import type { Recurrence } from './schedule';

/**
 * One regular session of a group: a day of the week (ISO 8601: 1 is Monday, 7 Sunday), a start
 * and an optional end in UK local time, and how often. A group's sessions are replaced together
 * when its schedule changes.
 */
@Entity('community_group_session')
@Check('CHK_community_group_session_weekday', 'weekday BETWEEN 1 AND 7')
@Check('CHK_community_group_session_times', 'ends_at IS NULL OR ends_at > starts_at')
@Check(
  'CHK_community_group_session_recurrence',
  `recurrence IN ('weekly','fortnightly','monthly_first','monthly_second','monthly_third','monthly_fourth','monthly_last')`,
)
export class GroupSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: CommunityGroup;

  @Column({ type: 'smallint' })
  weekday: number;

  /** "HH:MM:SS" as PostgreSQL gives a time. */
  @Column({ type: 'time' })
  startsAt: string;

  @Column({ type: 'time', nullable: true })
  endsAt: string | null;

  @Column({ type: 'varchar', length: 16, default: 'weekly' })
  recurrence: Recurrence;
}
