import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every sign-in attempt, kept to throttle guessing against one account. */
@Entity('login_attempt')
@Index(['email', 'attemptedAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  clientAddress: string;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  attemptedAt: Date;
}
