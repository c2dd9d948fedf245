import { Injectable, Logger } from '@nestjs/common';

/** Where email leaves Linkway. Bind OUTBOX_SENDER to an SMTP or GOV.UK Notify sender in production. */
export const OUTBOX_SENDER = Symbol('OUTBOX_SENDER');

export interface OutgoingEmail {
  to: string;
  subject: string;
  body: string;
}

export interface OutboxSender {
  send(email: OutgoingEmail): Promise<void>;
}

/** The default sender: writes that an email would be sent, without its body (it may name a person). */
@Injectable()
export class LoggingSender implements OutboxSender {
  private readonly logger = new Logger('Outbox');

  async send(email: OutgoingEmail): Promise<void> {
    this.logger.log(`Email to ${email.to}: ${email.subject}`);
    return Promise.resolve();
  }
}
