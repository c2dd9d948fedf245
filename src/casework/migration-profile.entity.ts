import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MigrantStatus } from '../common/vocabulary';
import { Person } from './person.entity';

/**
 * Migration details, recorded only where the person agrees. Kept apart from the person and the
 * case so no other response can carry them by accident; every read and write is audited.
 */
@Entity('migration_profile')
@Check('CHK_migration_profile_year', 'year_of_arrival IS NULL OR year_of_arrival >= 1900')
export class MigrationProfile {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  /**
   * The service that owns this record, filled in by the database from the person and never
   * changed; row-level security checks it (see src/services/scoped-transactions.ts).
   */
  @Column({ type: 'uuid', insert: false, update: false })
  readonly serviceId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  countryOfBirth: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  nationality: string | null;

  @Column({ type: 'smallint', nullable: true })
  yearOfArrival: number | null;

  /** ISO 639. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  mainLanguage: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  migrantStatus: MigrantStatus | null;

  @Column({ type: 'boolean', nullable: true })
  interpreterNeeded: boolean | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The fields of a migration profile that people record (and a merge chooses between). */
export const MIGRATION_PROFILE_FIELDS = [
  'countryOfBirth',
  'nationality',
  'yearOfArrival',
  'mainLanguage',
  'migrantStatus',
  'interpreterNeeded',
] as const satisfies readonly (keyof MigrationProfile)[];
