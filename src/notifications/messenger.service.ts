import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CaseLookupService } from '../casework/case-lookup.service';
import { isLocale } from '../common/i18n/locales';
import { notificationsConfig } from '../config/configuration';
import { isEmailAddress, ukMobile } from './addresses';
import { InAppNotificationsService } from './in-app-notifications.service';
import { LINK, type Message } from './messages';
import type { NotificationKind } from './notification.entity';
import { OutboxService } from './outbox.service';
import { PreferencesService } from './preferences.service';
import { TextConsentService } from './text-consent.service';

/**
 * Who a message concerns, for the outbox row: the service whose records caused it, or null for the
 * directory's own messages (a group's listing), which belong to no service.
 */
export interface Occasion {
  serviceId: string | null;
  /** The outbox's `event`, e.g. `referral.received`. */
  event: string;
  kind: NotificationKind;
}

/**
 * Who hears what, and how: in the app always; by email now, in tomorrow's digest or not at all,
 * as each user (or their organisation) chose; by text only with the person's consent. Everything
 * is written in the caller's transaction.
 */
@Injectable()
export class Messenger {
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(notificationsConfig.KEY)
    private readonly config: ConfigType<typeof notificationsConfig>,
    private readonly users: UsersService,
    private readonly preferences: PreferencesService,
    private readonly outbox: OutboxService,
    private readonly inApp: InAppNotificationsService,
    private readonly cases: CaseLookupService,
    private readonly consent: TextConsentService,
  ) {}

  /** An absolute link into Linkway, for emails. */
  url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  async tellUser(userId: string, occasion: Occasion, m: Message, em: EntityManager): Promise<void> {
    await this.inApp.notify(
      { to: { userId }, kind: occasion.kind, text: m.text, link: m.link },
      em,
    );
    if (m.email) await this.email(await this.users.findByIds([userId], em), occasion, m, em);
  }

  /** Every coordinator (or referrer) of an organisation: one in-app notice, an email each. */
  async tellOrganisation(
    organisationId: string,
    occasion: Occasion,
    m: Message,
    em: EntityManager,
  ): Promise<void> {
    await this.inApp.notify(
      { to: { organisationId }, kind: occasion.kind, text: m.text, link: m.link },
      em,
    );
    if (!m.email) return;
    await this.email(
      await this.users.membersOf(organisationId, 'group_coordinator', em),
      occasion,
      m,
      em,
    );
  }

  private async email(
    recipients: { id: string; email: string; organisationId: string | null }[],
    occasion: Occasion,
    m: Message,
    em: EntityManager,
  ): Promise<void> {
    const choices = await this.preferences.choicesFor(recipients, em);
    for (const user of recipients) {
      const choice = choices.get(user.id);
      if (choice === 'off' || !isEmailAddress(user.email)) continue;
      await this.outbox.enqueue(
        {
          serviceId: occasion.serviceId,
          event: occasion.event,
          channel: 'email',
          to: { userId: user.id },
          address: user.email,
          subject: `Linkway: ${m.email!.subject}`,
          body: m.email!.body.replaceAll(LINK, this.url(m.link)),
          status: choice === 'daily_digest' ? 'held' : 'queued',
        },
        em,
      );
    }
  }

  /**
   * A text to the person, in their language, only if they agreed to texts and have a UK mobile
   * number. `render` gets their locale. Returns whether a text was queued.
   */
  async textPerson(
    personId: string,
    event: string,
    render: (locale: string, contactPhone: string) => string,
    em: EntityManager,
    dedupeKey?: string,
  ): Promise<boolean> {
    if (!(await this.consent.agreesToTexts(personId, em))) return false;
    const person = await this.cases.personForTexts(personId, em);
    const mobile = ukMobile(person?.phone);
    if (!person || person.erased || !mobile) return false;
    if (!this.config.smsContactPhone) {
      this.logger.warn(`No text sent (${event}): SMS_CONTACT_PHONE is not set`);
      return false;
    }
    const locale = isLocale(person.preferredLanguage ?? '') ? person.preferredLanguage! : 'en';
    return this.outbox.enqueue(
      {
        serviceId: person.serviceId,
        event,
        channel: 'sms',
        to: { personId },
        address: mobile,
        body: render(locale, this.config.smsContactPhone),
        locale,
        dedupeKey,
      },
      em,
    );
  }
}
