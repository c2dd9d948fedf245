import { Logger } from '@nestjs/common';
import { NotifyClient } from 'notifications-node-client';
import { maskAddress } from './addresses';
import type { OutboxChannel } from './outbox-message.entity';

export const NOTIFY_GATEWAY = Symbol('NOTIFY_GATEWAY');

export interface OutgoingMessage {
  channel: OutboxChannel;
  to: string;
  subject: string | null;
  body: string;
  /** The outbox row's id: Notify keeps it as the notification's reference. */
  reference: string;
  event: string;
}

/** Where messages leave Linkway. */
export interface NotifyGateway {
  readonly provider: 'notify' | 'log';
  /** Sends, returning the provider's id for the message (null when only logged). */
  send(message: OutgoingMessage): Promise<string | null>;
  /** The provider's id of a message already sent with this reference, if any. */
  findByReference(channel: OutboxChannel, reference: string): Promise<string | null>;
  /** The provider's status of a sent message (Notify: delivered, permanent-failure…). */
  statusOf(providerId: string): Promise<string>;
}

export interface NotifySettings {
  apiKey: string;
  baseUrl: string;
  emailTemplateId: string;
  smsTemplateId: string;
  /** How long one request may take before it counts as no answer. */
  timeoutMs: number;
}

type Request = (options: Record<string, unknown>) => Promise<unknown>;

/**
 * GOV.UK Notify through its official client. Linkway keeps its own texts (and translations) and
 * sends them through one generic template per channel: email `((subject))`/`((body))`, text
 * `((body))`. Every send carries the outbox row's id as its reference, so after a crash the
 * worker can ask Notify whether the message already went before sending it again.
 */
export class NotifyClientGateway implements NotifyGateway {
  readonly provider = 'notify' as const;
  private readonly client: NotifyClient;

  constructor(private readonly settings: NotifySettings) {
    this.client = new NotifyClient(settings.baseUrl, settings.apiKey);
    // The client's own axios, with a timeout: a request that hangs must not outlive the claim.
    const api = (this.client as unknown as { apiClient: { restClient: Request } }).apiClient;
    const request = api.restClient;
    this.client.setClient(((options: Record<string, unknown>) =>
      request({ ...options, timeout: settings.timeoutMs })) as never);
  }

  async send(m: OutgoingMessage): Promise<string> {
    const options = { reference: m.reference };
    const response =
      m.channel === 'email'
        ? await this.client.sendEmail(this.settings.emailTemplateId, m.to, {
            ...options,
            personalisation: { subject: m.subject ?? '', body: m.body },
          })
        : await this.client.sendSms(this.settings.smsTemplateId, m.to, {
            ...options,
            personalisation: { body: m.body },
          });
    return response.data.id;
  }

  async findByReference(channel: OutboxChannel, reference: string): Promise<string | null> {
    const response = await this.client.getNotifications(channel, undefined, reference);
    return response.data.notifications[0]?.id ?? null;
  }

  async statusOf(providerId: string): Promise<string> {
    return (await this.client.getNotificationById(providerId)).data.status;
  }
}

/**
 * Without a Notify key: each message is written to the log (masked address and subject, never
 * the body) and counts as sent, so a demo shows what would go out.
 */
export class LogGateway implements NotifyGateway {
  readonly provider = 'log' as const;
  private readonly logger = new Logger('Outbox');

  send(m: OutgoingMessage): Promise<null> {
    const what = m.channel === 'email' ? `Email "${m.subject ?? ''}"` : 'Text message';
    this.logger.log(`${what} to ${maskAddress(m.to)} (${m.event}, ${m.reference})`);
    return Promise.resolve(null);
  }

  findByReference(): Promise<null> {
    return Promise.resolve(null);
  }

  statusOf(): Promise<string> {
    return Promise.resolve('delivered');
  }
}
