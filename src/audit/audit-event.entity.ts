import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read or change of a record. Append-only: a database trigger refuses UPDATE and DELETE,
 * so not even a bug in the app can rewrite history.
 */
@Entity('audit_event')
@Index(['subjectId', 'at'])
@Index(['entity', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** Null for the system itself or an anonymous self-referral. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entity: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  /** The person whose data this touches, so a subject access request can list every access. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
