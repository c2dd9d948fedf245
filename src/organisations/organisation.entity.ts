import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { OrganisationKind } from '../common/vocabulary';

/** A referring organisation (GP practice, charity, school…) or a community group provider. */
@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganisationKind;

  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode: string | null;

  /** NHS Organisation Data Service code (3–6 upper-case letters and digits), e.g. a GP practice's. */
  @Index('UQ_organisation_ods_code', { unique: true, where: 'ods_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  odsCode: string | null;

  /** The service this organisation's referrals go to; null sends them to the default service. */
  @Column({ type: 'uuid', nullable: true })
  serviceId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
