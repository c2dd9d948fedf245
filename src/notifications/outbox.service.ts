import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { FieldCipher } from '../common/crypto/field-cipher';
import { conflict, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { ALL_SERVICES, ScopedTransactions } from '../services/scoped-transactions';
import { isEmailAddress, maskAddress, ukMobile } from './addresses';
import { OutboxMessage, type OutboxChannel, type OutboxStatus } from './outbox-message.entity';

/** A message to queue, in the transaction of the change that causes it. */
export interface NewMessage {
  serviceId: string | null;
  event: string;
  channel: OutboxChannel;
  to: { userId: string } | { personId: string };
  address: string;
  subject?: string;
  body: string;
  locale?: string;
  /** `held` waits for the recipient's daily digest. */
  status?: 'queued' | 'held';
  /** A scheduled sender's key: a second message with the same key is not queued. */
  dedupeKey?: string;
}

/** An outbox row as the admin list shows it: the address masked, no body. */
export interface OutboxItem {
  id: string;
  event: string;
  channel: OutboxChannel;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  to: string;
  subject: string | null;
  lastError: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** The transactional outbox: queuing, the admin's list and retry, cancelling a person's texts. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly scoped: ScopedTransactions,
    private readonly audit: AuditService,
  ) {}

  /** Queues a message in the caller's transaction; false when its dedupe key was already used. */
  async enqueue(m: NewMessage, em: EntityManager): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values({
        serviceId: m.serviceId,
        event: m.event,
        channel: m.channel,
        recipientUserId: 'userId' in m.to ? m.to.userId : null,
        recipientPersonId: 'personId' in m.to ? m.to.personId : null,
        addressEncrypted: this.cipher.encrypt(m.address),
        subject: m.subject ?? null,
        body: m.body,
        locale: m.locale ?? 'en',
        status: m.status ?? 'queued',
        dedupeKey: m.dedupeKey ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  addressOf(m: Pick<OutboxMessage, 'addressEncrypted'>): string | null {
    return m.addressEncrypted ? this.cipher.decrypt(m.addressEncrypted) : null;
  }

  /** Admin: the outbox, newest first, filtered by status. */
  async list(query: {
    status?: OutboxStatus;
    limit: number;
    cursor?: string;
  }): Promise<Page<OutboxItem>> {
    const cursor = decodeCursor(query.cursor);
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const qb = em
        .createQueryBuilder(OutboxMessage, 'o')
        .orderBy('o.createdAt', 'DESC')
        .addOrderBy('o.id', 'DESC')
        .take(query.limit + 1);
      if (query.status) qb.andWhere('o.status = :status', { status: query.status });
      if (cursor) qb.andWhere('(o.createdAt, o.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
      const page = toPage(await qb.getMany(), query.limit, (o) => ({
        at: o.createdAt.toISOString(),
        id: o.id,
      }));
      return { items: page.items.map((o) => this.item(o)), nextCursor: page.nextCursor };
    });
  }

  async get(id: string): Promise<OutboxItem> {
    const m = await this.scoped.run(ALL_SERVICES, (em) =>
      em.findOne(OutboxMessage, { where: { id } }),
    );
    if (!m) throw notFound('Message');
    return this.item(m);
  }

  /**
   * Admin: sends a permanently failed message again, optionally to a corrected address (an
   * email address for an email, a UK mobile number for a text). Audited.
   */
  async retry(
    id: string,
    input: { address?: string },
    actor: AuthenticatedUser,
  ): Promise<OutboxItem> {
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const m = await em.findOne(OutboxMessage, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!m) throw notFound('Message');
      if (m.status !== 'permanent_failure')
        throw conflict(
          'not_permanently_failed',
          `This message is ${m.status.replace(/_/g, ' ')}: only a permanently failed message can be sent again`,
        );
      const address = input.address?.trim() ? this.checkedAddress(m.channel, input.address) : null;
      if (!address && !m.addressEncrypted)
        throw invalid('address_required', 'This message has no address: give one', [
          { field: 'address', message: 'is required' },
        ]);
      await em.update(OutboxMessage, m.id, {
        status: 'queued',
        attempts: 0,
        nextAttemptAt: new Date(),
        claimToken: null,
        lastError: null,
        providerId: null,
        providerStatus: null,
        ...(address ? { addressEncrypted: this.cipher.encrypt(address) } : {}),
      });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'retry',
          entity: 'notification_outbox',
          entityId: m.id,
          subjectId: m.recipientPersonId,
          detail: { addressChanged: !!address },
        },
        em,
      );
      return this.item(await em.findOneByOrFail(OutboxMessage, { id: m.id }));
    });
  }

  /** A person withdrew consent to texts: their texts not yet sent are cancelled (caller's transaction). */
  async cancelTextsTo(personId: string, reason: string, em: EntityManager): Promise<number> {
    const result = await em.update(
      OutboxMessage,
      { recipientPersonId: personId, channel: 'sms', status: In(['queued', 'failed', 'held']) },
      { status: 'cancelled', lastError: reason, claimToken: null },
    );
    return result.affected ?? 0;
  }

  /** Data protection: the person's messages lose their address and text (caller's transaction). */
  async eraseFor(personId: string, em: EntityManager): Promise<void> {
    await this.cancelTextsTo(personId, 'The person’s details were erased', em);
    await em.update(
      OutboxMessage,
      { recipientPersonId: personId },
      { addressEncrypted: null, body: '[erased]' },
    );
  }

  /** Data protection: the messages sent to the person, for a subject access export. */
  async exportFor(personId: string, em: EntityManager) {
    const rows = await em.find(OutboxMessage, {
      where: { recipientPersonId: personId },
      order: { createdAt: 'ASC' },
    });
    return rows.map((m) => ({
      event: m.event,
      channel: m.channel,
      status: m.status,
      to: this.addressOf(m),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    }));
  }

  private checkedAddress(channel: OutboxChannel, raw: string): string {
    if (channel === 'email') {
      if (!isEmailAddress(raw))
        throw invalid('invalid_address', 'Enter an email address in the correct format', [
          { field: 'address', message: 'must be an email address, like name@example.org' },
        ]);
      return raw.trim();
    }
    const mobile = ukMobile(raw);
    if (!mobile)
      throw invalid('invalid_address', 'Enter a UK mobile number', [
        { field: 'address', message: 'must be a UK mobile number, like 07700 900123' },
      ]);
    return mobile;
  }

  private item(o: OutboxMessage): OutboxItem {
    return {
      id: o.id,
      event: o.event,
      channel: o.channel,
      status: o.status,
      attempts: o.attempts,
      createdAt: o.createdAt.toISOString(),
      to: maskAddress(this.addressOf(o)),
      subject: o.subject,
      lastError: o.lastError,
      sentAt: o.sentAt?.toISOString() ?? null,
      deliveredAt: o.deliveredAt?.toISOString() ?? null,
      nextAttemptAt:
        o.status === 'queued' || o.status === 'failed' ? o.nextAttemptAt.toISOString() : null,
    };
  }
}
