import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '../common/vocabulary';

@Entity('app_user')
@Check(
  'CHK_app_user_role',
  `role IN ('admin','team_lead','link_worker','group_coordinator','referrer','commissioner')`,
)
@Check('CHK_app_user_email_lower', 'email = lower(email)')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /**
   * The organisation a group coordinator or referrer belongs to. Auth keeps only the id, as every
   * reference across modules does (organisations owns the table); the foreign key stays, named by
   * the table so this entity imports nothing from organisations.
   */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('organisation', { onDelete: 'RESTRICT' })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash: string;

  /** The service a link worker or team lead works in; null for every other role. */
  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  /** ISO 639 codes of the languages the user speaks, so a person can be matched to a link worker. */
  @Column({ type: 'varchar', length: 8, array: true, default: () => "'{}'" })
  languages: string[];

  /** For a commissioner: the services whose reports it may read; empty means every service. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  reportServiceIds: string[];

  /** Open cases a link worker may hold before assignment is refused. */
  @Column({ type: 'int', default: 40 })
  caseloadLimit: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** The authenticator secret, sealed with FieldCipher; set at enrolment, before confirmation. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecretEncrypted: string | null;

  /** When set, signing in needs a current authenticator code as well as the password. */
  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The last time step whose code was accepted, so a code cannot be used twice. */
  @Column({ type: 'int', nullable: true, select: false })
  totpLastStep: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
