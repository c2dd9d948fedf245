import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type {
  EarlierContactAttempt,
  ReferralHistoryReader,
} from '../casework/contact-history.ports';
import { FieldCipher } from '../common/crypto/field-cipher';
import { ReferralContactAttempt } from './contact-attempt.entity';
import { Referral } from './referral.entity';

/**
 * Casework's REFERRAL_HISTORY port: a case's history begins with its referral's contact attempts,
 * which stay referrals' own records. Reads in the caller's transaction and scope; casework has
 * checked the reader may see the case.
 */
@Injectable()
export class ReferralHistoryProvider implements ReferralHistoryReader {
  constructor(private readonly cipher: FieldCipher) {}

  async attemptsOn(referralId: string, em: EntityManager): Promise<EarlierContactAttempt[]> {
    const rows = await em.find(ReferralContactAttempt, {
      where: { referralId },
      order: { attemptedAt: 'ASC' },
    });
    return rows.map((a) => ({
      id: a.id,
      at: a.attemptedAt.toISOString(),
      method: a.method,
      outcome: a.outcome,
      note: this.cipher.decryptNullable(a.noteEncrypted),
      recordedBy: a.actorId,
    }));
  }

  async referencesOf(
    referralIds: readonly string[],
    em: EntityManager,
  ): Promise<Map<string, string>> {
    if (referralIds.length === 0) return new Map();
    const rows = await em.find(Referral, {
      where: { id: In([...referralIds]) },
      select: { id: true, reference: true },
    });
    return new Map(rows.map((r) => [r.id, r.reference]));
  }
}
