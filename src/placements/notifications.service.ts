import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, IsNull, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import { notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { Notification, OutboxMessage, type NotificationKind } from './notification.entity';
import { OUTBOX_SENDER, type OutboxSender } from './outbox.sender';

export type Recipient = { userId: string } | { organisationId: string };

export interface NewNotification {
  to: Recipient;
  kind: NotificationKind;
  text: string;
  link?: string;
  /** Also send an email with this subject (the text is its body). */
  emailSubject?: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  text: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const MAX_ATTEMPTS = 5;

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(OutboxMessage) private readonly outbox: Repository<OutboxMessage>,
    private readonly users: UsersService,
    @Inject(OUTBOX_SENDER) private readonly sender: OutboxSender,
  ) {}

  /** Stores the notification (and its email) in the caller's transaction. */
  async notify(n: NewNotification, em: EntityManager): Promise<void> {
    const recipient = {
      recipientUserId: 'userId' in n.to ? n.to.userId : null,
      recipientOrganisationId: 'organisationId' in n.to ? n.to.organisationId : null,
    };
    await em.insert(Notification, {
      ...recipient,
      kind: n.kind,
      text: n.text,
      link: n.link ?? null,
    });
    if (n.emailSubject) {
      const body = n.link ? `${n.text}\n\nSign in to Linkway to see it: ${n.link}` : n.text;
      await em.insert(OutboxMessage, { ...recipient, subject: n.emailSubject, body });
    }
  }

  async listFor(
    user: AuthenticatedUser,
    query: { limit: number; cursor?: string; unread?: boolean },
  ): Promise<Page<NotificationView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = this.notifications
      .createQueryBuilder('n')
      .where(this.addressedTo(user))
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(query.limit + 1);
    if (query.unread) qb.andWhere('n.readAt IS NULL');
    if (cursor) qb.andWhere('(n.createdAt, n.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const page = toPage(await qb.getMany(), query.limit, (r) => ({
      at: r.createdAt.toISOString(),
      id: r.id,
    }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async unreadCount(user: AuthenticatedUser): Promise<number> {
    return this.notifications
      .createQueryBuilder('n')
      .where(this.addressedTo(user))
      .andWhere('n.readAt IS NULL')
      .getCount();
  }

  async markRead(id: string, user: AuthenticatedUser): Promise<NotificationView> {
    const n = await this.notifications
      .createQueryBuilder('n')
      .where('n.id = :id', { id })
      .andWhere(this.addressedTo(user))
      .getOne();
    if (!n) throw notFound('Notification');
    if (!n.readAt) {
      n.readAt = new Date();
      await this.notifications.update({ id, readAt: IsNull() }, { readAt: n.readAt });
    }
    return toView(n);
  }

  /**
   * Sends pending email. Rows are claimed with SKIP LOCKED, so several app instances can drain
   * the outbox at once without sending a message twice.
   */
  async drainOutbox(batchSize = 50): Promise<number> {
    return this.outbox.manager.transaction(async (em) => {
      const batch = await em
        .createQueryBuilder(OutboxMessage, 'o')
        .where('o.status = :status', { status: 'pending' })
        .orderBy('o.createdAt', 'ASC')
        .take(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let sent = 0;
      for (const message of batch) {
        const addresses = await this.addressesOf(message);
        try {
          for (const to of addresses)
            await this.sender.send({ to, subject: message.subject, body: message.body });
          await em.update(OutboxMessage, message.id, { status: 'sent', sentAt: new Date() });
          sent++;
        } catch (e) {
          const attempts = message.attempts + 1;
          this.logger.warn(`Outbox message ${message.id} failed (attempt ${attempts})`);
          await em.update(OutboxMessage, message.id, {
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            lastError: String((e as Error).message ?? e).slice(0, 500),
          });
        }
      }
      return sent;
    });
  }

  private async addressesOf(m: OutboxMessage): Promise<string[]> {
    if (m.recipientUserId)
      return (await this.users.findByIds([m.recipientUserId])).map((u) => u.email);
    const coordinators = await this.users.list({ role: 'group_coordinator' });
    return coordinators
      .filter((u) => u.organisationId === m.recipientOrganisationId)
      .map((u) => u.email);
  }

  private addressedTo(user: AuthenticatedUser) {
    return new Brackets((w) => {
      w.where('n.recipientUserId = :userId', { userId: user.id });
      if (user.role === 'group_coordinator' && user.organisationId)
        w.orWhere('n.recipientOrganisationId = :orgId', { orgId: user.organisationId });
    });
  }
}

function toView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    text: n.text,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
