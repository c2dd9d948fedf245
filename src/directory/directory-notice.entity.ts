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

export type DirectoryNoticeKind = 'vetting_expiring' | 'vetting_expired' | 'listing_lapsed';

/** A message for a group's coordinators and the admins about its vetting or listing (read on the vetting screen). */
@Entity('directory_notice')
export class DirectoryNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: CommunityGroup;

  @Column({ type: 'varchar', length: 32 })
  kind: DirectoryNoticeKind;

  @Column({ type: 'uuid', array: true })
  recipientIds: string[];

  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
