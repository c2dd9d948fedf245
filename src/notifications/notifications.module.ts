import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { FieldCipher } from '../common/crypto/field-cipher';
import { notificationsConfig, securityConfig } from '../config/configuration';
import { DirectoryModule } from '../directory/directory.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlacementsModule } from '../placements/placements.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { ServicesModule } from '../services/services.module';
import { ClosedLoopListener } from './closed-loop.listener';
import { DIGEST_SECTIONS } from './digest-sections';
import { DigestJob } from './digest.job';
import { InAppNotificationsService } from './in-app-notifications.service';
import { Messenger } from './messenger.service';
import { NotificationPreference } from './notification-preference.entity';
import { Notification } from './notification.entity';
import { NotificationsDataProtectionListener } from './notifications-data-protection.listener';
import { NotificationsPeopleListener } from './notifications-people.listener';
import { NotificationsApiController } from './notifications.api.controller';
import { NotificationsPageController } from './notifications.page.controller';
import { LogGateway, NOTIFY_GATEWAY, NotifyClientGateway } from './notify.gateway';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxApiController } from './outbox.api.controller';
import { OutboxPageController } from './outbox.page.controller';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';
import { PersonRemindersJob } from './person-reminders.job';
import { REMINDER_SOURCES } from './person-reminders';
import { ListingMessagesListener } from './listing-messages.listener';
import { PlacementMessagesListener } from './placement-messages.listener';
import { PreferencesApiController } from './preferences.api.controller';
import { PreferencesPageController } from './preferences.page.controller';
import { PreferencesService } from './preferences.service';
import { TextConsentApiController } from './text-consent.api.controller';
import { TextMessageConsent } from './text-consent.entity';
import { TextConsentPageController } from './text-consent.page.controller';
import { TextConsentService } from './text-consent.service';

/**
 * On top of every other feature (DESIGN.md): it handles their domain events and writes what
 * they cause (in-app notifications, the outbox) in the same transaction; no feature imports it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Notification,
      OutboxMessage,
      NotificationPreference,
      TextMessageConsent,
    ]),
    AuditModule,
    ServicesModule,
    OrganisationsModule,
    AuthModule,
    CaseworkModule,
    ReferralsModule,
    DirectoryModule,
    PlacementsModule,
  ],
  controllers: [
    NotificationsApiController,
    NotificationsPageController,
    OutboxApiController,
    OutboxPageController,
    PreferencesApiController,
    PreferencesPageController,
    TextConsentApiController,
    TextConsentPageController,
  ],
  providers: [
    {
      provide: FieldCipher,
      inject: [securityConfig.KEY],
      useFactory: (security: ConfigType<typeof securityConfig>) =>
        new FieldCipher(security.dataEncryptionKey),
    },
    {
      provide: NOTIFY_GATEWAY,
      inject: [notificationsConfig.KEY],
      useFactory: (config: ConfigType<typeof notificationsConfig>) =>
        config.notify
          ? new NotifyClientGateway({
              ...config.notify,
              timeoutMs: Math.min(30_000, config.claimMs / 2),
            })
          : new LogGateway(),
    },
    InAppNotificationsService,
    OutboxService,
    OutboxWorker,
    PreferencesService,
    TextConsentService,
    Messenger,
    ClosedLoopListener,
    PlacementMessagesListener,
    ListingMessagesListener,
    NotificationsDataProtectionListener,
    NotificationsPeopleListener,
    PersonRemindersJob,
    DigestJob,
    ...REMINDER_SOURCES,
    ...DIGEST_SECTIONS,
  ],
})
export class NotificationsModule {}
