import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * One social prescribing service: a team that receives referrals and holds caseloads (a PCN's
 * link workers, a council's community connectors, a charity-hosted service). Referrals, people,
 * cases and everything recorded on them belong to exactly one service.
 */
@Entity('service')
// At most one default service: where a referral goes when nothing else routes it.
@Index('UQ_service_default', ['isDefault'], { unique: true, where: 'is_default' })
export class PrescribingService {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_service_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** NHS Organisation Data Service code, when the service has one (FHIR routing uses it). */
  @Index('UQ_service_ods_code', { unique: true, where: 'ods_code IS NOT NULL' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  odsCode: string | null;

  /** ONS local authority district codes (E06…, E07…, E08…, E09…, W06…) whose self-referrals come here. */
  @Column({ type: 'varchar', length: 9, array: true, default: () => "'{}'" })
  localAuthorityCodes: string[];

  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
