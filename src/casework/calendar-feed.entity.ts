import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A user's private calendar feed: only the SHA-256 of its secret token is kept, as for API
 * tokens, so a database dump gives no feed away. Rotating revokes the old row and adds a new one.
 * Not service-owned: it holds no person's or case's data; the feed itself is read in the user's
 * own service scope.
 */
@Entity('calendar_feed')
@Index('UQ_calendar_feed_active_user', ['userId'], { unique: true, where: 'revoked_at IS NULL' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastReadAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
