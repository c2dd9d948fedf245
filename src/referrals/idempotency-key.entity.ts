import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A used Idempotency-Key: the first answer is kept so a retry gets exactly the same one. Keys are
 * scoped to the user (or, for the public form, the client address), so users cannot collide.
 */
@Entity('referral_idempotency_key')
export class ReferralIdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** SHA-256 of the canonical request body: the same key with another body is a conflict. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'smallint' })
  responseStatus: number;

  @Column({ type: 'jsonb' })
  responseBody: Record<string, unknown>;

  @Column({ type: 'uuid' })
  referralId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
