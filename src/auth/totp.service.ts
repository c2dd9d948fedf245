import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FieldCipher } from '../common/crypto/field-cipher';
import { conflict, invalid, notFound } from '../common/domain-error';
import { securityConfig } from '../config/configuration';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp';
import { User } from './user.entity';

const ISSUER = 'Linkway';

export interface TotpEnrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
}

/** Authenticator (TOTP) enrolment and the second sign-in factor for accounts that require it. */
@Injectable()
export class TotpService {
  private readonly cipher: FieldCipher;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    @Inject(securityConfig.KEY) security: ConfigType<typeof securityConfig>,
  ) {
    this.cipher = new FieldCipher(security.dataEncryptionKey);
  }

  /** Starts (or restarts) enrolment with a new secret; the account needs no code until it is confirmed. */
  async begin(actor: AuthenticatedUser): Promise<TotpEnrolment> {
    const user = await this.users.findOne({ where: { id: actor.id } });
    if (!user) throw notFound('User');
    if (user.totpEnabledAt) {
      throw conflict('totp_already_enabled', 'An authenticator is already set up for this account');
    }
    const secret = generateTotpSecret();
    await this.users.update(
      { id: actor.id },
      { totpSecretEncrypted: this.cipher.encrypt(secret), totpLastStep: null },
    );
    await this.audit.record({
      actorId: actor.id,
      action: 'totp_enrolment_started',
      entity: 'user',
      entityId: actor.id,
    });
    return { secret, otpauthUri: otpauthUri(ISSUER, user.email, secret) };
  }

  /** Turns TOTP on once the user proves their app shows the right code. */
  async confirm(actor: AuthenticatedUser, code: string): Promise<{ enabledAt: string }> {
    const user = await this.withSecret(actor.id);
    if (user?.totpEnabledAt) {
      throw conflict('totp_already_enabled', 'An authenticator is already set up for this account');
    }
    if (!user?.totpSecretEncrypted) {
      throw conflict('totp_not_started', 'Start setting up an authenticator first');
    }
    if (!(await this.consume(user, code))) {
      throw invalid('totp_code_invalid', 'The code is not correct; check the time on your device', [
        { field: 'code', message: 'is not the current code' },
      ]);
    }
    const enabledAt = new Date();
    await this.users.update({ id: actor.id }, { totpEnabledAt: enabledAt });
    await this.audit.record({
      actorId: actor.id,
      action: 'totp_enabled',
      entity: 'user',
      entityId: actor.id,
    });
    return { enabledAt: enabledAt.toISOString() };
  }

  /** Whether the user needs a second factor, and if so whether this code is current and unused. */
  async secondFactorPasses(userId: string, code: string | undefined): Promise<boolean> {
    const user = await this.withSecret(userId);
    if (!user?.totpEnabledAt) return true;
    return code !== undefined && (await this.consume(user, code));
  }

  private withSecret(userId: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect(['u.totpSecretEncrypted', 'u.totpLastStep'])
      .where('u.id = :userId', { userId })
      .getOne();
  }

  /** Accepts a code at most once: its time step must be later than the last one accepted. */
  private async consume(user: User, code: string): Promise<boolean> {
    if (!user.totpSecretEncrypted) return false;
    const secret = this.cipher.decrypt(user.totpSecretEncrypted);
    const step = matchTotp(secret, code, Date.now() / 1000);
    if (step === undefined) return false;
    const result = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: step })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', {
        id: user.id,
        step,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
