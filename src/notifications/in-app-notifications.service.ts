import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, In, IsNull, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { Notification, type NotificationKind } from './notification.entity';

export type Recipient = { userId: string } | { organisationId: string };

export interface NewNotification {
  to: Recipient;
  kind: NotificationKind;
  text: string;
  link?: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  text: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * Notifications shown in the app (the bell list at /notifications): one per event for the user
 * or organisation concerned. They hold what happened and a link; a link worker's notices about a
 * placement also give the person's given name, which erasure removes (eraseLinkedTo).
 */
@Injectable()
export class InAppNotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
  ) {}

  /** Stores the notification in the caller's transaction. */
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
  }

  /**
   * Data protection: a link worker's notice about a placement names the person by their given
   * name; when the person is erased, the words of every notice linking to their records go.
   */
  async eraseLinkedTo(links: string[], em: EntityManager): Promise<void> {
    if (links.length === 0) return;
    await em.update(Notification, { link: In(links) }, { text: '[erased]' });
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
