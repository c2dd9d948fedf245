import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import ical, { ICalEventStatus } from 'ical-generator';
import { In, IsNull, MoreThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { onlyService, ScopedTransactions } from '../services/scoped-transactions';
import { Appointment } from './appointment.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { SupportCase } from './case.entity';
import { CaseworkService } from './casework.service';
import { REFERRAL_HISTORY, type ReferralHistoryReader } from './contact-history.ports';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The feed carries the last 30 days and everything ahead. */
const FEED_PAST_DAYS = 30;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface CalendarFeedState {
  active: boolean;
  createdAt: string | null;
  lastReadAt: string | null;
}

/** The path a feed is read from; the secret token is the only credential. */
export const feedPath = (token: string) => `/calendar/${token}.ics`;

/**
 * A private iCalendar feed (RFC 5545) of a link worker's appointments, for their phone or
 * Outlook. A calendar app cannot sign in, so the feed has its own secret token, revocable and
 * stored hashed. It shows only the case reference and the place: never a name, a note or a mode
 * that says more, because calendars are synced to devices and shared with colleagues.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>,
    private readonly users: UsersService,
    private readonly scoped: ScopedTransactions,
    private readonly audit: AuditService,
    private readonly casework: CaseworkService,
    @Optional()
    @Inject(REFERRAL_HISTORY)
    private readonly referrals?: ReferralHistoryReader,
  ) {}

  async state(actor: AuthenticatedUser): Promise<CalendarFeedState> {
    const feed = await this.feeds.findOne({ where: { userId: actor.id, revokedAt: IsNull() } });
    return {
      active: !!feed,
      createdAt: feed?.createdAt.toISOString() ?? null,
      lastReadAt: feed?.lastReadAt?.toISOString() ?? null,
    };
  }

  /** A new secret address; any earlier one stops working at once. The token is shown only now. */
  async issue(actor: AuthenticatedUser): Promise<{ token: string; path: string }> {
    const token = randomBytes(32).toString('base64url');
    await this.feeds.manager.transaction(async (em) => {
      await em.update(
        CalendarFeed,
        { userId: actor.id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      await em.insert(CalendarFeed, { userId: actor.id, tokenHash: sha256(token) });
      await this.audit.record(
        { actorId: actor.id, action: 'issue_calendar_feed', entity: 'user', entityId: actor.id },
        em,
      );
    });
    return { token, path: feedPath(token) };
  }

  async revoke(actor: AuthenticatedUser): Promise<void> {
    await this.feeds.manager.transaction(async (em) => {
      const result = await em.update(
        CalendarFeed,
        { userId: actor.id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (result.affected) {
        await this.audit.record(
          { actorId: actor.id, action: 'revoke_calendar_feed', entity: 'user', entityId: actor.id },
          em,
        );
      }
    });
  }

  /** The calendar for a token; an unknown or revoked token, or a departed user, is not found. */
  async calendar(token: string): Promise<string> {
    if (!TOKEN.test(token)) throw notFound('Calendar');
    const feed = await this.feeds.findOne({
      where: { tokenHash: sha256(token), revokedAt: IsNull() },
    });
    const user = feed && (await this.users.activeLinkWorker(feed.userId));
    if (!feed || !user?.serviceId) throw notFound('Calendar');
    const reader = feedReader(feed.userId, user.serviceId);
    const since = new Date(Date.now() - FEED_PAST_DAYS * 86_400_000);
    const { appointments, referenceOfCase } = await this.scoped.run(
      onlyService(user.serviceId),
      async (em) => {
        const all = await em.find(Appointment, {
          where: { linkWorkerId: feed.userId, startsAt: MoreThanOrEqual(since) },
          order: { startsAt: 'ASC' },
        });
        // A past appointment of a case since handed to someone else says where they met: it goes.
        const holds = await this.casework.readableCaseIds(
          all.map((a) => a.caseId),
          reader,
          em,
        );
        const rows = all.filter((a) => holds.has(a.caseId));
        return { appointments: rows, referenceOfCase: await this.referencesOf(rows, em) };
      },
    );
    await this.feeds.update({ id: feed.id }, { lastReadAt: new Date() });
    return toICalendar(appointments, referenceOfCase);
  }

  /** Each appointment's case reference: the reference of the referral that opened the case. */
  private async referencesOf(rows: Appointment[], em: EntityManager): Promise<Map<string, string>> {
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    if (caseIds.length === 0 || !this.referrals) return new Map();
    const cases = await em.find(SupportCase, {
      where: { id: In(caseIds) },
      select: { id: true, referralId: true },
    });
    const byReferral = await this.referrals.referencesOf(
      cases.flatMap((c) => (c.referralId ? [c.referralId] : [])),
      em,
    );
    return new Map(
      cases.flatMap((c) => {
        const reference = c.referralId && byReferral.get(c.referralId);
        return reference ? [[c.id, reference] as const] : [];
      }),
    );
  }
}

/** The feed's owner as the case-access rules see them: an active link worker of their service. */
const feedReader = (userId: string, serviceId: string): AuthenticatedUser => ({
  id: userId,
  email: '',
  name: '',
  role: 'link_worker',
  organisationId: null,
  serviceId,
  reportServiceIds: [],
});

function toICalendar(appointments: Appointment[], referenceOfCase: Map<string, string>): string {
  const calendar = ical({
    name: 'Linkway appointments',
    prodId: { company: 'Linkway', product: 'Appointments', language: 'EN' },
    ttl: 15 * 60,
  });
  for (const a of appointments) {
    calendar.createEvent({
      id: `${a.id}@linkway`,
      start: a.startsAt,
      end: new Date(a.startsAt.getTime() + a.durationMinutes * 60_000),
      summary: referenceOfCase.get(a.caseId) ?? 'Linkway appointment',
      location: a.location ?? undefined,
      status: a.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: a.updatedAt,
    });
  }
  return calendar.toString();
}
