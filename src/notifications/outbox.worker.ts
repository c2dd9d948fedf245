import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { In } from 'typeorm';
import { notificationsConfig } from '../config/configuration';
import { ALL_SERVICES, ScopedTransactions } from '../services/scoped-transactions';
import { classifyFailure, retryDelayMs } from './delivery-rules';
import { NOTIFY_GATEWAY, type NotifyGateway } from './notify.gateway';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';
import { TextConsentService } from './text-consent.service';

export interface DeliveryRun {
  claimed: number;
  sent: number;
  failed: number;
  permanentlyFailed: number;
  cancelled: number;
}

/** Notify's final statuses and what the outbox makes of them. */
const FINAL_STATUSES: Record<string, 'delivered' | 'permanent_failure'> = {
  delivered: 'delivered',
  'permanent-failure': 'permanent_failure',
  'temporary-failure': 'permanent_failure',
  'technical-failure': 'permanent_failure',
  'validation-failed': 'permanent_failure',
};
const STATUS_WORDS: Record<string, string> = {
  'permanent-failure': 'Notify could not deliver to this address (permanent-failure): check it',
  'temporary-failure':
    'Notify could not deliver for 72 hours (temporary-failure: inbox full or phone off)',
  'technical-failure': 'Notify had a technical failure sending it (technical-failure)',
  'validation-failed': 'Notify refused the message (validation-failed)',
};

/**
 * Delivers the outbox. Every instance may run it; a message is sent once:
 *
 * 1. A short transaction claims due messages with `FOR UPDATE SKIP LOCKED`: it counts the try,
 *    stamps a claim token and pushes `next_attempt_at` forward by the claim time, as a lease.
 *    Another instance skips locked rows and, once this commits, sees them as not yet due.
 * 2. Each message goes to Notify outside any transaction, with the row's id as its reference.
 * 3. The result is written only while the claim token still matches.
 *
 * A worker that dies between 2 and 3 leaves its rows to be claimed again when the lease runs
 * out. Because a second try may follow a send that reached Notify, every try after the first
 * asks Notify for a message with this reference first, and records that one instead of sending.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(notificationsConfig.KEY)
    private readonly config: ConfigType<typeof notificationsConfig>,
    @Inject(NOTIFY_GATEWAY) private readonly gateway: NotifyGateway,
    private readonly scoped: ScopedTransactions,
    private readonly outbox: OutboxService,
    private readonly consent: TextConsentService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerEnabled) return;
    this.timer = setInterval(() => void this.tick(), this.config.pollMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = new Date();
      while ((await this.deliverDue(now)).claimed > 0) {
        // Drain what is due now; a later tick takes what becomes due.
      }
      await this.refreshStatuses(new Date());
    } catch (e) {
      this.logger.error(`Outbox delivery failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Claims and sends up to `limit` messages due at `now`. */
  async deliverDue(now: Date, limit = 20): Promise<DeliveryRun> {
    const token = randomUUID();
    const claimed = await this.claim(now, limit, token);
    const run: DeliveryRun = {
      claimed: claimed.length,
      sent: 0,
      failed: 0,
      permanentlyFailed: 0,
      cancelled: 0,
    };
    for (const m of claimed) run[await this.deliver(m, token, now)]++;
    return run;
  }

  private claim(now: Date, limit: number, token: string): Promise<OutboxMessage[]> {
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const rows = await em.query<Record<string, unknown>[]>(
        `UPDATE notification_outbox
            SET attempts = attempts + 1, claim_token = $3,
                next_attempt_at = $1::timestamptz + make_interval(secs => $4::double precision),
                updated_at = now()
          WHERE id IN (SELECT id FROM notification_outbox
                        WHERE status IN ('queued','failed') AND next_attempt_at <= $1
                        ORDER BY next_attempt_at, id
                        LIMIT $2
                        FOR UPDATE SKIP LOCKED)
        RETURNING id`,
        [now, limit, token, this.config.claimMs / 1000],
      );
      const ids = flatIds(rows);
      if (!ids.length) return [];
      return em.find(OutboxMessage, { where: { id: In(ids) }, order: { createdAt: 'ASC' } });
    });
  }

  private async deliver(
    m: OutboxMessage,
    token: string,
    now: Date,
  ): Promise<'sent' | 'failed' | 'permanentlyFailed' | 'cancelled'> {
    const address = this.outbox.addressOf(m);
    if (!address) return this.finish(m, token, { status: 'cancelled', lastError: 'No address' });
    if (m.channel === 'sms' && m.recipientPersonId) {
      const agreed = await this.scoped.run(ALL_SERVICES, (em) =>
        this.consent.agreesToTexts(m.recipientPersonId!, em),
      );
      if (!agreed)
        return this.finish(m, token, {
          status: 'cancelled',
          lastError: 'The person does not agree to text messages',
        });
    }
    try {
      // A try after the first may follow a send that reached Notify before its worker died.
      const earlier = m.attempts > 1 ? await this.gateway.findByReference(m.channel, m.id) : null;
      const providerId =
        earlier ??
        (await this.gateway.send({
          channel: m.channel,
          to: address,
          subject: m.subject,
          body: m.body,
          reference: m.id,
          event: m.event,
        }));
      return this.finish(m, token, {
        status: 'sent',
        provider: this.gateway.provider,
        providerId,
        providerStatus: providerId ? 'created' : null,
        sentAt: now,
        lastError: null,
      });
    } catch (error) {
      const failure = classifyFailure(error);
      const final = failure.permanent || m.attempts >= this.config.maxAttempts;
      this.logger.warn(
        `Message ${m.id} (${m.event}) failed on try ${m.attempts}: ${failure.message}${final ? ' — giving up' : ''}`,
      );
      return this.finish(m, token, {
        status: final ? 'permanent_failure' : 'failed',
        lastError: failure.message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(m.attempts, this.config.retryBaseMs)),
      });
    }
  }

  /** Records the result while this worker still holds the claim. */
  private async finish(
    m: OutboxMessage,
    token: string,
    change: Partial<OutboxMessage>,
  ): Promise<'sent' | 'failed' | 'permanentlyFailed' | 'cancelled'> {
    await this.scoped.run(ALL_SERVICES, (em) =>
      em
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ ...change, claimToken: null })
        .where('id = :id AND claim_token = :token', { id: m.id, token })
        .execute(),
    );
    const status = change.status!;
    return status === 'permanent_failure'
      ? 'permanentlyFailed'
      : (status as 'sent' | 'failed' | 'cancelled');
  }

  /**
   * Asks Notify what became of messages it accepted: `delivered`, or a failure an admin should
   * see (a wrong address). Each message is looked at most once a minute, for a week.
   */
  async refreshStatuses(now: Date, limit = 50): Promise<number> {
    if (this.gateway.provider !== 'notify') return 0;
    const due = await this.scoped.run(ALL_SERVICES, async (em) => {
      const rows = await em.query<Record<string, unknown>[]>(
        `UPDATE notification_outbox SET status_checked_at = $1
          WHERE id IN (SELECT id FROM notification_outbox
                        WHERE status = 'sent' AND provider_id IS NOT NULL
                          AND sent_at > $1::timestamptz - interval '7 days'
                          AND (status_checked_at IS NULL
                               OR status_checked_at <= $1::timestamptz - interval '1 minute')
                        ORDER BY status_checked_at NULLS FIRST, id
                        LIMIT $2
                        FOR UPDATE SKIP LOCKED)
        RETURNING id, provider_id`,
        [now, limit],
      );
      return flatRows<{ id: string; provider_id: string }>(rows);
    });
    let changed = 0;
    for (const row of due) {
      let status: string;
      try {
        status = await this.gateway.statusOf(row.provider_id);
      } catch (error) {
        this.logger.warn(`Status of message ${row.id}: ${classifyFailure(error).message}`);
        continue;
      }
      const final = FINAL_STATUSES[status];
      await this.scoped.run(ALL_SERVICES, (em) =>
        em.update(
          OutboxMessage,
          { id: row.id, status: 'sent' },
          final === 'delivered'
            ? { status: 'delivered', providerStatus: status, deliveredAt: now }
            : final
              ? { status: final, providerStatus: status, lastError: STATUS_WORDS[status] }
              : { providerStatus: status },
        ),
      );
      if (final) changed++;
    }
    return changed;
  }
}

/** UPDATE … RETURNING answers `[rows, count]` through TypeORM. */
function flatRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]))
    return result[0] as T[];
  return result as T[];
}

const flatIds = (result: unknown) => flatRows<{ id: string }>(result).map((r) => r.id);
