import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CommunityGroup } from './group.entity';
import { encryptedText } from './directory-cipher';

export const INCIDENT_TYPES = [
  'boundary_concern',
  'harm',
  'complaint',
  'safeguarding_concern',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** A concern raised about a group. Seen by admins and the person who reported it only. */
@Entity('group_incident')
@Check(
  'CHK_group_incident_type',
  `type IN ('boundary_concern','harm','complaint','safeguarding_concern','other')`,
)
export class GroupIncident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => CommunityGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: CommunityGroup;

  @Column({ type: 'varchar', length: 32 })
  type: IncidentType;

  /** May name people, so it is encrypted at rest. */
  @Column({ type: 'text', transformer: encryptedText })
  description: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid' })
  reportedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
